import { describe, expect, it } from 'vitest';
import { classifyNoise } from './classify-noise';

const classify = (line: string | Uint8Array): ReturnType<typeof classifyNoise> => {
  const bytes = typeof line === 'string' ? new TextEncoder().encode(line) : line;
  return classifyNoise(bytes, 0, bytes.length);
};

describe('classifyNoise', () => {
  it.each([
    ['', 'empty'],
    ['  \t', 'empty'],
    ['GET /cgi-bin/login.cgi?requestname=2&cmd=0 HTTP/1.1', 'http'],
    ['HTTP/1.1 400 Bad Request', 'http'],
    ['User-Agent: Mozilla/5.0 (Windows NT 10.0; WOW64)', 'http'],
    ['Accept-Language: zh-CN,zh;q=0.9', 'http'],
    ['1623QN=20200924101500117;ST=31;CN=2051;PW=123456;MN=88888880000001;CP=&&DataTime=2020', 'truncated'],
    ['收到客户端 /127.0.0.1:14278 的消息: #0121QN=20250131202809340;ST=39;CN=2011;', 'truncated'],
    ['a21026-Rtd=1.5,a21026-Flag=N;a21002-Rtd=', 'truncated'],
    ['0E0F00000006010400000064', 'hex'],
    ['01 03 00 00 00 0A C5 CD', 'hex'],
    ['[2020-09-22 18:17:47]', 'timestamp'],
    ['2021-01-07 14:00:21.316', 'timestamp'],
    ['[2021-01-06 19:59:11.519]# Client 15.15.0.10:59885 gets online.', 'text'],
    ['SSH-2.0-Go', 'text'],
    ['当前时间Thu Dec 12 2024 01:10:48 GMT+0800 (中国标准时间)', 'text'],
  ] as const)('%j is %s', (line, reason) => {
    expect(classify(line).reason).toBe(reason);
  });

  it('decodes GBK text that is not UTF-8', () => {
    // 接收数据 in GBK
    expect(classify(Uint8Array.from([0xbd, 0xd3, 0xca, 0xd5, 0xca, 0xfd, 0xbe, 0xdd]))).toEqual({
      reason: 'text',
      text: '接收数据',
      encoding: 'gb18030',
    });
  });

  it('calls control bytes and undecodable bytes binary', () => {
    expect(classify(Uint8Array.from([0x16, 0x03, 0x01, 0x00, 0xa5, 0x01])).reason).toBe('binary');
    expect(classify(Uint8Array.from([0x00, 0x01, 0x00, 0x00, 0x00, 0x06, 0x01, 0x03])).reason).toBe('binary');
    expect(classify(Uint8Array.from([0x80, 0x80, 0xff])).reason).toBe('binary');
  });
});
