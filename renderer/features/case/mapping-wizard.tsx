import { useState } from 'react';
import {
  draftProblems,
  ImportMapping,
  type ImportPreview,
  type MappingProblem,
  type MappingTemplate,
  type PowerQuantity,
} from '../../../analytics/api';
import { useI18n } from '../../i18n/i18n-context';
import type { MessageKey } from '../../i18n/messages-zh';
import { baseName } from '../../ui/base-name';
import {
  formFromPreview,
  formFromTemplate,
  setColumnUse,
  setTarget,
  toDraft,
  usesFor,
  type ColumnUse,
  type FormProblem,
  type MappingForm,
} from './mapping-form';

export interface MappingChoice {
  readonly path: string;
  readonly mapping: ImportMapping;
  readonly shapeKey: string;
  /** Save the mapping under this name before importing (empty: do not save). */
  readonly templateName: string;
}

interface MappingWizardProps {
  readonly previews: readonly ImportPreview[];
  /** Saved templates, any shape: one can be applied to a file its shape did not match. */
  readonly templates: readonly MappingTemplate[];
  readonly onImport: (choices: readonly MappingChoice[]) => void;
  readonly onCancel: () => void;
}

const QUANTITIES: readonly PowerQuantity[] = ['kw', 'kwh', 'current_a'];

function problemKey(p: MappingProblem): MessageKey {
  if (p.code === 'missing-field') {
    return p.field === 'outlet'
      ? 'mapping.problem.outlet'
      : p.field === 'device'
        ? 'mapping.problem.device'
        : 'mapping.problem.code';
  }
  if (p.code === 'no-time-column') return 'mapping.problem.guessedTime';
  if (p.code === 'unknown-column') return 'mapping.problem.unknownColumn';
  if (p.code === 'duplicate-device') return 'mapping.problem.duplicateDevice';
  return 'mapping.problem.other';
}

const FORM_PROBLEM: Record<FormProblem, MessageKey> = {
  'no-time': 'mapping.problem.noTime',
  'no-value': 'mapping.problem.noValue',
  'no-reading': 'mapping.problem.noReading',
  'bad-scale': 'mapping.problem.badScale',
  'no-device-columns': 'mapping.problem.noDevices',
  'empty-device': 'mapping.problem.emptyDevice',
};

/**
 * The mapping step of the import wizard, for files that match no documented export format: a
 * preview table with what each column feeds, the constants the file lacks (outlet, code), a scale
 * per value column, and an optional template name so the next file of this shape maps itself. A
 * saved template of another shape can be applied by hand (e.g. the platform added a column).
 */
export function MappingWizard({ previews, templates, onImport, onCancel }: MappingWizardProps) {
  const { t } = useI18n();
  const [forms, setForms] = useState<MappingForm[]>(() => previews.map(formFromPreview));
  const results = previews.map((p, i) => {
    const { draft, problems } = toDraft(forms[i]!, p.headers);
    const contract = draft ? draftProblems(draft, p.headers) : [];
    const parsed = draft && contract.length === 0 ? ImportMapping.safeParse(draft) : null;
    return {
      messages: [
        ...problems.map((x) => t(FORM_PROBLEM[x])),
        ...contract.map((x) => t(problemKey(x), { column: x.column ?? '', field: x.field })),
      ],
      mapping: parsed?.success ? parsed.data : null,
    };
  });
  const ready = results.every((r) => r.mapping !== null);
  const update = (i: number, f: (form: MappingForm) => MappingForm) =>
    setForms((all) => all.map((x, j) => (j === i ? f(x) : x)));

  const submit = () => {
    if (!ready) return;
    onImport(
      previews.map((p, i) => ({
        path: p.file,
        mapping: results[i]!.mapping!,
        shapeKey: p.shapeKey,
        templateName: forms[i]!.templateName.trim(),
      })),
    );
  };

  return (
    <section
      className="panel mapping-wizard"
      aria-labelledby="mapping-heading"
      data-testid="mapping-wizard"
      onKeyDown={(e) => {
        // Handled here, not by the app-wide Esc (cancel job) and Ctrl+Enter (screen) shortcuts.
        if (e.key === 'Escape') {
          e.preventDefault();
          onCancel();
        } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          submit();
        }
      }}
    >
      <div className="panel-head">
        <h2 id="mapping-heading">{t('mapping.heading')}</h2>
        <p className="muted">{t('mapping.intro')}</p>
      </div>
      {previews.map((p, i) => {
        const form = forms[i]!;
        const uses = usesFor(form.target);
        const id = `mapping-${i}`;
        return (
          <fieldset key={p.file} className="mapping-file" data-testid="mapping-file">
            <legend>
              {baseName(p.file)}
              {p.template && (
                <span className="muted" data-testid="mapping-template-used">
                  {' '}
                  {t('mapping.templateUsed', { name: p.template })}
                </span>
              )}
            </legend>
            {templates.length > 0 && (
              <label>
                {t('mapping.applyTemplate')}{' '}
                <select
                  data-testid="mapping-apply-template"
                  defaultValue=""
                  onChange={(e) => {
                    const chosen = templates.find((x) => x.name === e.currentTarget.value);
                    if (chosen) update(i, () => formFromTemplate(p, chosen));
                  }}
                >
                  <option value="">{t('mapping.applyTemplate.none')}</option>
                  {templates.map((x) => (
                    <option key={x.name} value={x.name}>
                      {x.name}
                    </option>
                  ))}
                </select>
              </label>
            )}
            <label>
              {t('mapping.target')}{' '}
              <select
                data-testid="mapping-target"
                value={form.target}
                onChange={(e) => {
                  // Read now: React clears currentTarget before a queued updater runs.
                  const target = e.currentTarget.value as MappingForm['target'];
                  update(i, (f) => setTarget(f, target));
                }}
              >
                <option value="monitoring-long">{t('mapping.target.monitoring-long')}</option>
                <option value="power-wide">{t('mapping.target.power-wide')}</option>
                <option value="power-long">{t('mapping.target.power-long')}</option>
              </select>
            </label>
            <div className="table-scroll">
              <table className="mapping-table" data-testid="mapping-table">
                <thead>
                  <tr>
                    {p.headers.map((h, c) => (
                      <th key={c} scope="col">
                        <label>
                          <span className="mono">{h}</span>
                          <select
                            data-testid={`mapping-use-${c}`}
                            aria-label={t('mapping.use.label', { column: h })}
                            value={form.uses[c]}
                            onChange={(e) => {
                              const use = e.currentTarget.value as ColumnUse;
                              update(i, (f) => setColumnUse(f, p.headers, c, use));
                            }}
                          >
                            {uses.map((u) => (
                              <option key={u} value={u}>
                                {t(
                                  form.target === 'power-long' && u === 'value'
                                    ? 'mapping.use.reading'
                                    : (`mapping.use.${u}` as MessageKey),
                                )}
                              </option>
                            ))}
                          </select>
                        </label>
                        {form.target === 'power-wide' && form.uses[c] === 'device' && (
                          <span className="mapping-device">
                            <input
                              aria-label={t('mapping.device.label', { column: h })}
                              data-testid={`mapping-device-${c}`}
                              value={form.devices[c]?.device ?? ''}
                              onChange={(e) => {
                                const device = e.currentTarget.value;
                                update(i, (f) => ({
                                  ...f,
                                  devices: { ...f.devices, [c]: { ...f.devices[c]!, device } },
                                }));
                              }}
                            />
                            <select
                              aria-label={t('mapping.quantity.label', { column: h })}
                              value={form.devices[c]?.quantity ?? 'kw'}
                              onChange={(e) => {
                                const quantity = e.currentTarget.value as PowerQuantity;
                                update(i, (f) => ({
                                  ...f,
                                  devices: { ...f.devices, [c]: { ...f.devices[c]!, quantity } },
                                }));
                              }}
                            >
                              {QUANTITIES.map((q) => (
                                <option key={q} value={q}>
                                  {t(`mapping.quantity.${q}` as MessageKey)}
                                </option>
                              ))}
                            </select>
                            <input
                              aria-label={t('mapping.scale.label', { column: h })}
                              data-testid={`mapping-scale-${c}`}
                              size={6}
                              value={form.devices[c]?.scale ?? '1'}
                              onChange={(e) => {
                                const scale = e.currentTarget.value;
                                update(i, (f) => ({
                                  ...f,
                                  devices: { ...f.devices, [c]: { ...f.devices[c]!, scale } },
                                }));
                              }}
                            />
                          </span>
                        )}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {p.rows.map((r, k) => (
                    <tr key={k}>
                      {p.headers.map((_, c) => (
                        <td key={c} className="mono">
                          {r[c] ?? ''}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div className="mapping-constants">
              {form.target === 'monitoring-long' ? (
                <>
                  {!form.uses.includes('outlet') && (
                    <TextField
                      id={`${id}-outlet`}
                      label={t('mapping.outlet')}
                      testId="mapping-outlet"
                      value={form.outlet}
                      placeholder={t('mapping.outlet.placeholder')}
                      onValue={(v) => update(i, (f) => ({ ...f, outlet: v }))}
                    />
                  )}
                  {!form.uses.includes('code') && (
                    <TextField
                      id={`${id}-code`}
                      label={t('mapping.code')}
                      testId="mapping-code"
                      value={form.code}
                      placeholder={t('mapping.code.placeholder')}
                      onValue={(v) => update(i, (f) => ({ ...f, code: v }))}
                    />
                  )}
                  <label htmlFor={`${id}-media`}>
                    {t('mapping.media')}
                    <select
                      id={`${id}-media`}
                      data-testid="mapping-media"
                      value={form.media}
                      onChange={(e) => {
                        const media = e.currentTarget.value as MappingForm['media'];
                        update(i, (f) => ({ ...f, media }));
                      }}
                    >
                      <option value="">{t('mapping.media.auto')}</option>
                      <option value="gas">{t('mapping.media.gas')}</option>
                      <option value="water">{t('mapping.media.water')}</option>
                      <option value="other">{t('mapping.media.other')}</option>
                    </select>
                  </label>
                  <TextField
                    id={`${id}-scale`}
                    label={t('mapping.scale')}
                    size={6}
                    value={form.scale}
                    onValue={(v) => update(i, (f) => ({ ...f, scale: v }))}
                  />
                  <TextField
                    id={`${id}-unit`}
                    label={t('mapping.unit')}
                    size={8}
                    value={form.unit}
                    onValue={(v) => update(i, (f) => ({ ...f, unit: v }))}
                  />
                </>
              ) : (
                <>
                  {form.target === 'power-long' && (
                    <>
                      {!form.uses.includes('device_id') && (
                        <TextField
                          id={`${id}-device`}
                          label={t('mapping.device')}
                          testId="mapping-device"
                          value={form.device}
                          placeholder={t('mapping.device.placeholder')}
                          onValue={(v) => update(i, (f) => ({ ...f, device: v }))}
                        />
                      )}
                      <label htmlFor={`${id}-quantity`}>
                        {t('mapping.quantity')}
                        <select
                          id={`${id}-quantity`}
                          data-testid="mapping-quantity"
                          value={form.quantity}
                          onChange={(e) => {
                            const quantity = e.currentTarget.value as PowerQuantity;
                            update(i, (f) => ({ ...f, quantity }));
                          }}
                        >
                          {QUANTITIES.map((q) => (
                            <option key={q} value={q}>
                              {t(`mapping.quantity.${q}` as MessageKey)}
                            </option>
                          ))}
                        </select>
                      </label>
                      <TextField
                        id={`${id}-scale`}
                        label={t('mapping.scale')}
                        testId="mapping-value-scale"
                        size={6}
                        value={form.scale}
                        onValue={(v) => update(i, (f) => ({ ...f, scale: v }))}
                      />
                    </>
                  )}
                  <TextField
                    id={`${id}-site`}
                    label={t('mapping.site')}
                    testId="mapping-site"
                    value={form.site}
                    onValue={(v) => update(i, (f) => ({ ...f, site: v }))}
                  />
                </>
              )}
              <TextField
                id={`${id}-template`}
                label={t('mapping.saveAs')}
                testId="mapping-template-name"
                value={form.templateName}
                placeholder={t('mapping.saveAs.placeholder')}
                onValue={(v) => update(i, (f) => ({ ...f, templateName: v }))}
              />
            </div>
            {results[i]!.messages.length > 0 && (
              <ul className="mapping-problems" role="alert" data-testid="mapping-problems">
                {results[i]!.messages.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            )}
          </fieldset>
        );
      })}
      <div className="button-row">
        <button
          type="button"
          className="button button-primary"
          data-testid="mapping-import"
          disabled={!ready}
          title={t('mapping.import.title')}
          onClick={submit}
        >
          {t('mapping.import')}
        </button>
        <button type="button" className="button" data-testid="mapping-cancel" onClick={onCancel}>
          {t('mapping.cancel')}
        </button>
      </div>
    </section>
  );
}

interface TextFieldProps {
  readonly id: string;
  readonly label: string;
  readonly value: string;
  readonly onValue: (value: string) => void;
  readonly testId?: string;
  readonly placeholder?: string;
  readonly size?: number;
}

/** A labelled text input of the mapping form; the typed value is read before the state update. */
function TextField({ id, label, value, onValue, testId, placeholder, size }: TextFieldProps) {
  return (
    <label htmlFor={id}>
      {label}
      <input
        id={id}
        data-testid={testId}
        size={size}
        value={value}
        placeholder={placeholder}
        onChange={(e) => onValue(e.currentTarget.value)}
      />
    </label>
  );
}
