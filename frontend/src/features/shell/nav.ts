import {
  IconAlertTriangle,
  IconBuildingWarehouse,
  IconClipboardCheck,
  IconFlag,
  IconListCheck,
  IconFileCertificate,
  IconHistory,
  IconInbox,
  IconKey,
  IconLayoutDashboard,
  IconRadar,
  IconBuilding,
  IconScale,
  IconUsers,
} from '@tabler/icons-react';
import type { ComponentType } from 'react';

type Icon = ComponentType<{ size?: number; stroke?: number }>;

export type NavItem = {
  to: '/' | '/vendors' | '/assessments' | '/findings' | '/questionnaires' | '/contracts' | '/monitoring' | '/incidents';
  label: 'dashboard' | 'vendors' | 'assessments' | 'findings' | 'questionnaires' | 'contracts' | 'monitoring' | 'incidents';
  icon: Icon;
};

export type SettingsItem = {
  to: '/settings/organization' | '/settings/risk-policy' | '/settings/users' | '/settings/api-keys' | '/settings/audit' | '/settings/jobs';
  label: 'organization' | 'riskPolicy' | 'users' | 'apiKeys' | 'auditTrail' | 'jobs';
  icon: Icon;
  adminOnly?: boolean;
};

export const MAIN_NAV: NavItem[] = [
  { to: '/', label: 'dashboard', icon: IconLayoutDashboard },
  { to: '/vendors', label: 'vendors', icon: IconBuildingWarehouse },
  { to: '/assessments', label: 'assessments', icon: IconClipboardCheck },
  { to: '/findings', label: 'findings', icon: IconFlag },
  { to: '/questionnaires', label: 'questionnaires', icon: IconListCheck },
  { to: '/contracts', label: 'contracts', icon: IconFileCertificate },
  { to: '/monitoring', label: 'monitoring', icon: IconRadar },
  { to: '/incidents', label: 'incidents', icon: IconAlertTriangle },
];

export const SETTINGS_NAV: SettingsItem[] = [
  { to: '/settings/organization', label: 'organization', icon: IconBuilding },
  { to: '/settings/risk-policy', label: 'riskPolicy', icon: IconScale },
  { to: '/settings/users', label: 'users', icon: IconUsers },
  { to: '/settings/api-keys', label: 'apiKeys', icon: IconKey, adminOnly: true },
  { to: '/settings/audit', label: 'auditTrail', icon: IconHistory },
  { to: '/settings/jobs', label: 'jobs', icon: IconInbox, adminOnly: true },
];
