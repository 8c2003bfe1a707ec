import { useI18n } from './i18n-context';

export function LanguageSwitch() {
  const { lang, t, setLang } = useI18n();
  const next = lang === 'zh' ? 'en' : 'zh';
  return (
    <button
      type="button"
      className="button button-quiet"
      data-testid="language-switch"
      lang={next === 'zh' ? 'zh-CN' : 'en'}
      title={t('app.language.title')}
      onClick={() => setLang(next)}
    >
      {t('app.language')}
    </button>
  );
}
