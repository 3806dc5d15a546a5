import {
  AccessType,
  type ApprovalStatus,
  CertificationKind,
  type CertificationRead,
  ContactRole,
  StorageType,
  VendorStatus,
  type VendorsListVendorsData,
} from '../../client/types.gen';
import type { Tone } from '../../components/TierBadge';
import { enumValues } from '../../lib/enums';

// The API's values (from the generated client) in the order people read them; labels are in the message files.
export const STATUSES = enumValues(VendorStatus);
export const ACCESS_TYPES = enumValues(AccessType);
export const STORAGE_TYPES = enumValues(StorageType, ['cloud']);
// The one every vendor needs (APPI incident reports) first.
export const CONTACT_ROLES = enumValues(ContactRole, ['incident_contact']);
export const CERTIFICATION_KINDS = enumValues(CertificationKind);
// The register's certification filter (a query parameter of its own, with no enum in the contract).
export const CERTIFICATION_FILTERS = ['expired', 'expiring', 'valid', 'none'] as const satisfies readonly NonNullable<
  NonNullable<VendorsListVendorsData['query']>['certification']
>[];
export const CRITICALITY = ['handles_confidential_info', 'critical_to_continuity', 'network_access'] as const;

export const STATUS_TONES: Record<VendorStatus, Tone> = {
  candidate: 'neutral',
  under_review: 'info',
  approved: 'info',
  active: 'low',
  suspended: 'high',
  terminated: 'neutral',
};

export const CERTIFICATION_TONES: Record<CertificationRead['state'], Tone> = {
  valid: 'low',
  expiring: 'medium',
  expired: 'critical',
  no_expiry: 'neutral',
};

export const APPROVAL_TONES: Record<ApprovalStatus, Tone> = { approved: 'low', requested: 'medium', refused: 'critical' };
