export { KioskOperationsSource, registerLocalDate } from './local-source';
export { formatReport, reportCsv, reportTable, CSV_COLUMNS, REPORT_FORMATS, type ReportFormat } from './format';
export { terminalWidth } from './text';
export { fetchOperatorReport, OPERATOR_REPORT_PATH } from './remote';
