export { ServiceMode, SERVICE_IDLE_MS, SERVICE_MAX_MS, type ServiceModeError, type ServiceOverview, type SelfTestRun, type PaperRefill, type ServiceSessionInfo } from './service-mode';
export { kioskDiagnostics, serviceModeForKiosk, type KioskServiceModeInput } from './kiosk';
export { serviceModeRoutes } from './routes';
export { createServiceModeHandlers, SERVICE_API, SERVICE_TOKEN_HEADER, type ServiceModeHandlers, type HandlerAnswer } from './handlers';
export { MAX_PIN_FAILURES, FIRST_LOCKOUT_MS, MAX_LOCKOUT_MS, PinGuard } from './pin-guard';
export { queueFromDatabase } from './queue';
export type { CashOperations, QueueStatus, LogSource, ServiceModeOptions } from './ports';
export { heartbeatHealth } from './heartbeat';
export { ServiceModeClient, kioskRunning } from './client';
