// The tabs of the record pages, each list in the order the page shows them, the first being the page's default
// (left out of the URL). Plain constants with no imports: a route module validates `?tab=` with them, and a page
// or another feature that names a tab imports them from here rather than pulling in a route module.

export const VENDOR_TABS = ['overview', 'processing', 'contacts', 'subcontractors', 'contracts', 'monitoring', 'incidents', 'certifications', 'assessments', 'history'] as const;
export type VendorTab = (typeof VENDOR_TABS)[number];

export const INCIDENT_TABS = ['obligations', 'facts', 'timeline', 'documents', 'exposure', 'reach'] as const;
export type IncidentTab = (typeof INCIDENT_TABS)[number];

export const CONTRACT_TABS = ['gaps', 'details'] as const;
export type ContractTab = (typeof CONTRACT_TABS)[number];
