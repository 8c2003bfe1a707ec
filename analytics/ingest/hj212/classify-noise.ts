/**
 * Why a log line holds no packet. Receiver logs mix packets with everything an internet-facing port
 * receives (HTTP scanners, TLS handshakes, SSH banners), the logger's own lines, Modbus frames and
 * partial TCP reads; the import report counts each kind.
 */
export type NoiseReason =
  | 'empty' // blank or whitespace only
  | 'http' // HTTP request, response or header line (scanners probing the port)
  | 'truncated' // a piece of a packet: header or end missing (partial TCP read)
  | 'malformed' // `##` + digits, but no packet structure
  | 'hex' // a hex dump, e.g. Modbus TCP frames logged by the same receiver
  | 'binary' // control bytes or undecodable bytes (TLS handshakes and other garbage)
  | 'timestamp' // a line holding only a timestamp, the receiver's framing
  | 'text' // any other text: logger messages, banners
  | 'oversize'; // longer than the reader's line limit, skipped unread

export const NOISE_REASONS: readonly NoiseReason[] = [
  'empty',
  'http',
  'truncated',
  'malformed',
  'hex',
  'binary',
  'timestamp',
  'text',
  'oversize',
];

export interface NoiseClassification {
  readonly reason: NoiseReason;
  /** The line decoded (UTF-8, or GB18030 when it is not valid UTF-8 but valid GB18030). */
  readonly text: string;
  readonly encoding: 'utf-8' | 'gb18030';
}

const utf8 = new TextDecoder('utf-8');
const gb18030 = new TextDecoder('gb18030', { fatal: true });

const HTTP_REQUEST = /\b(?:GET|POST|HEAD|PUT|DELETE|OPTIONS|CONNECT|PATCH|TRACE|PROPFIND) \S+ HTTP\/\d/;
const HTTP_RESPONSE = /^HTTP\/\d(?:\.\d)? \d{3}\b/;
const HTTP_HEADER =
  /^(?:Host|User-Agent|Accept(?:-[A-Za-z]+)?|Connection|Content-(?:Type|Length|Encoding)|Cookie|Referer|Origin|Authorization|Upgrade(?:-Insecure-Requests)?|Cache-Control|Pragma|DNT|Keep-Alive|Range|Via|Sec-[A-Za-z-]+|X-[A-Za-z-]+|If-[A-Za-z-]+): /i;
// Packet text without its `##LLLL` header: the data area opener, header keys followed by `;`, or
// coded fields such as `a21026-Rtd=`.
const PACKET_FRAGMENT =
  /CP=&&|(?:^|[^A-Za-z])(?:QN|ST|CN|PW|MN)=[^;=]*;|[A-Za-z0-9]-(?:Rtd|Min|Avg|Max|Cou|ZsRtd|ZsMin|ZsAvg|ZsMax|Flag)=/;
const HEX_DUMP = /^(?:[0-9A-Fa-f]{2}[ :-]?){4,}$/;
const TIMESTAMP_ONLY = /^\[?\d{4}[-/.]\d{1,2}[-/.]\d{1,2}[ T]\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,6})?\]?$/;
// C0 controls other than tab, CR and LF, and DEL.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Classifies bytes[start, end) of a line that holds no packet (trailing CR already removed). */
export function classifyNoise(bytes: Uint8Array, start: number, end: number): NoiseClassification {
  const raw = bytes.subarray(start, end);
  let text = utf8.decode(raw);
  let encoding: NoiseClassification['encoding'] = 'utf-8';
  if (text.trim() === '') return { reason: 'empty', text, encoding };
  if (text.includes('\ufffd')) {
    // Not UTF-8: GBK/GB18030 Chinese from a Windows receiver, or binary garbage.
    try {
      text = gb18030.decode(raw);
      encoding = 'gb18030';
    } catch {
      return { reason: 'binary', text, encoding };
    }
  }
  return { reason: classifyText(text.trim()), text, encoding };
}

function classifyText(t: string): NoiseReason {
  if (CONTROL.test(t)) return 'binary';
  if (HTTP_REQUEST.test(t) || HTTP_RESPONSE.test(t) || HTTP_HEADER.test(t)) return 'http';
  if (PACKET_FRAGMENT.test(t)) return 'truncated';
  if (HEX_DUMP.test(t)) return 'hex';
  if (TIMESTAMP_ONLY.test(t)) return 'timestamp';
  return 'text';
}
