import type {
  AccessType,
  ApprovalStatus,
  CertificationKind,
  CertificationRead,
  ContactRole,
  DataCategory,
  StorageType,
  VendorStatus,
} from '../../client/types.gen';
import type { Tone } from '../../components/TierBadge';

// The API's stable values in the order people read them; labels are in the message files.
export const STATUSES: readonly VendorStatus[] = ['candidate', 'under_review', 'approved', 'active', 'suspended', 'terminated'];
export const DATA_CATEGORIES: readonly DataCategory[] = ['ordinary', 'special_care', 'my_number', 'financial', 'children', 'credentials'];
export const ACCESS_TYPES: readonly AccessType[] = ['none', 'remote', 'on_site', 'privileged'];
export const STORAGE_TYPES: readonly StorageType[] = ['cloud', 'on_premises', 'paper'];
export const CONTACT_ROLES: readonly ContactRole[] = ['incident_contact', 'security_officer', 'account_manager', 'other'];
export const CERTIFICATION_KINDS: readonly CertificationKind[] = [
  'iso27001',
  'privacy_mark',
  'ismap',
  'soc2',
  'security_action_1',
  'security_action_2',
  'scs_3',
  'scs_4',
  'other',
];
export const CERTIFICATION_FILTERS = ['expired', 'expiring', 'valid', 'none'] as const;
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

// Data categories that make the tier rise most get a warm badge.
export const SENSITIVE: ReadonlySet<DataCategory> = new Set(['special_care', 'my_number', 'financial', 'children', 'credentials']);
