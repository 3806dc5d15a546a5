import type { BadgeProps } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MonitoringItemRead, Stage } from '../client/types.gen';
import { settleTarget, STAGE_TONES } from '../lib/monitoring';
import { AnchorLink } from './links';
import { ToneBadge } from './TierBadge';

/** An item's stage as a badge; the word, not only the colour, tells it. */
export function StageBadge({ stage, size = 'sm' }: { stage: Stage; size?: BadgeProps['size'] }) {
  const { t } = useTranslation();
  return (
    <ToneBadge tone={STAGE_TONES[stage]} size={size} miw="max-content" data-stage={stage}>
      {t(`monitoring.stages.${stage}`)}
    </ToneBadge>
  );
}

type LinkProps = { item: MonitoringItemRead; size?: 'xs' | 'sm'; children?: ReactNode; label?: string };

/**
 * The link to what settles an item: its report, its audit (or planning one), a reassessment, the certification or
 * contract. `children` replaces the default wording (the calendar shows the item itself), `label` names it for screen readers.
 */
export function SettleLink({ item, size = 'sm', children, label }: LinkProps) {
  const { t } = useTranslation();
  const target = settleTarget(item);
  const text = children ?? t(`monitoring.settle.${target.to}`);
  const common = { size, 'aria-label': label, 'data-testid': 'settle-link', 'data-target': target.to } as const;
  switch (target.to) {
    case 'report':
      return (
        <AnchorLink to="/monitoring/reports/$reportId" params={{ reportId: target.reportId }} {...common}>
          {text}
        </AnchorLink>
      );
    case 'awaitingReport':
      return (
        <AnchorLink to="/vendors/$vendorId" params={{ vendorId: target.vendorId }} search={{ tab: 'contacts' }} c={children ? undefined : 'dimmed'} {...common}>
          {text}
        </AnchorLink>
      );
    case 'audit':
      return (
        <AnchorLink to="/monitoring/audits/$auditId" params={{ auditId: target.auditId }} {...common}>
          {text}
        </AnchorLink>
      );
    case 'planAudit':
      return (
        <AnchorLink to="/monitoring/audits/new" search={{ vendor: target.vendorId, item: target.itemId, date: target.date }} {...common}>
          {text}
        </AnchorLink>
      );
    case 'assessment':
      return (
        <AnchorLink to="/assessments/$assessmentId" params={{ assessmentId: target.assessmentId }} {...common}>
          {text}
        </AnchorLink>
      );
    case 'newAssessment':
      return (
        <AnchorLink to="/assessments" search={{ vendor: target.vendorId, new: true }} {...common}>
          {text}
        </AnchorLink>
      );
    case 'certifications':
      return (
        <AnchorLink to="/vendors/$vendorId" params={{ vendorId: target.vendorId }} search={{ tab: 'certifications' }} {...common}>
          {text}
        </AnchorLink>
      );
    case 'contract':
      return (
        <AnchorLink to="/contracts/$contractId" params={{ contractId: target.contractId }} {...common}>
          {text}
        </AnchorLink>
      );
    case 'contracts':
      return (
        <AnchorLink to="/vendors/$vendorId" params={{ vendorId: target.vendorId }} search={{ tab: 'contracts' }} {...common}>
          {text}
        </AnchorLink>
      );
  }
}
