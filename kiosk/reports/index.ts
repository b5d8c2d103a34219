export { KioskOperationsSource, registerLocalDate } from './local-source';
export { formatReport, reportCsv, reportTable, CLAIMS_NOT_KNOWN, CSV_COLUMNS, REPORT_FORMATS, type ReportFormat } from './format';
export { terminalWidth } from './text';
export { fetchOperatorReport, OPERATOR_REPORT_PATH } from './remote';
