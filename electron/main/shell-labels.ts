import type { MenuLanguage } from '../shared/menu-commands';

/**
 * The few strings the shell itself shows (menu, native dialogs). Everything else is translated by
 * the renderer.
 */
export interface ShellLabels {
  readonly file: string;
  readonly openDemo: string;
  readonly newCase: string;
  readonly openCase: string;
  readonly importFiles: string;
  readonly quit: string;
  readonly edit: string;
  readonly view: string;
  readonly language: string;
  readonly reload: string;
  readonly toggleDevTools: string;
  readonly help: string;
  readonly about: string;
  readonly caseFiles: string;
  readonly supportedExports: string;
  readonly csvFiles: string;
  readonly textAndLogFiles: string;
  readonly excelFiles: string;
  readonly parquetFiles: string;
  readonly allFiles: string;
  readonly newCaseName: string;
}

export const shellLabels: Readonly<Record<MenuLanguage, ShellLabels>> = {
  zh: {
    file: '文件',
    openDemo: '打开示例案件',
    newCase: '新建案件…',
    openCase: '打开案件…',
    importFiles: '导入文件…',
    quit: '退出',
    edit: '编辑',
    view: '视图',
    language: '语言',
    reload: '重新加载',
    toggleDevTools: '开发者工具',
    help: '帮助',
    about: '关于',
    caseFiles: '案件文件',
    supportedExports: '监测数据导出文件',
    csvFiles: 'CSV 文件',
    textAndLogFiles: '文本与日志文件',
    excelFiles: 'Excel 工作簿',
    parquetFiles: 'Parquet 文件',
    allFiles: '所有文件',
    newCaseName: '新案件.duckdb',
  },
  en: {
    file: 'File',
    openDemo: 'Open demo case',
    newCase: 'New case…',
    openCase: 'Open case…',
    importFiles: 'Import files…',
    quit: 'Quit',
    edit: 'Edit',
    view: 'View',
    language: 'Language',
    reload: 'Reload',
    toggleDevTools: 'Toggle developer tools',
    help: 'Help',
    about: 'About',
    caseFiles: 'Case files',
    supportedExports: 'Monitoring exports',
    csvFiles: 'CSV files',
    textAndLogFiles: 'Text and log files',
    excelFiles: 'Excel workbooks',
    parquetFiles: 'Parquet files',
    allFiles: 'All files',
    newCaseName: 'new-case.duckdb',
  },
};
