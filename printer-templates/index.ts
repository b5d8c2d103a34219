export {
  renderCertificate,
  type CertificateMeta,
  type CertificateRequest,
  type CertificateRenderError,
  type RenderedCertificate,
} from './certificate/render';
export { maskResidentNumber } from './certificate/masking';
export { UNATTENDED_KIOSK_STATEMENT } from './certificate/frame';
export * from './receipt';
