import type { DocumentCode } from '../../catalog';
import { agricultureTemplates } from './families/agriculture';
import { buildingTemplates } from './families/building';
import { educationTemplates } from './families/education';
import { familyRelationTemplates } from './families/family-relation';
import { fisheriesTemplates } from './families/fisheries';
import { healthInsuranceTemplates } from './families/health-insurance';
import { landTemplates } from './families/land';
import { militaryTemplates } from './families/military';
import { realEstateRegistryTemplates } from './families/real-estate-registry';
import { residentRegistrationTemplates } from './families/resident-registration';
import { taxTemplates } from './families/tax';
import { vehicleMachineryTemplates } from './families/vehicle-machinery';
import { welfareTemplates } from './families/welfare';
import type { AnyCertificateTemplate } from './template';

/** Every document code of the catalogue has exactly one template (registry.test.ts checks all 36). */
export const CERTIFICATE_TEMPLATES: Partial<Record<DocumentCode, AnyCertificateTemplate>> = {
  ...residentRegistrationTemplates,
  ...familyRelationTemplates,
  ...militaryTemplates,
  ...landTemplates,
  ...buildingTemplates,
  ...realEstateRegistryTemplates,
  ...taxTemplates,
  ...welfareTemplates,
  ...educationTemplates,
  ...agricultureTemplates,
  ...vehicleMachineryTemplates,
  ...fisheriesTemplates,
  ...healthInsuranceTemplates,
};

export function templateFor(code: DocumentCode): AnyCertificateTemplate | undefined {
  return CERTIFICATE_TEMPLATES[code];
}
