import type { TFunction } from 'i18next';

type LabelGroup =
  | 'audit.entityTypes'
  | 'audit.actions'
  | 'audit.actorTypes'
  | 'audit.fields'
  | 'roles'
  | 'jurisdictions'
  | 'language'
  | 'apiKeys.scopeNames';

/** The translated label of an API value; values the UI does not know yet are shown as they are. */
export function label(t: TFunction, group: LabelGroup, value: string): string {
  return t(`${group}.${value}` as 'roles.admin', { defaultValue: value });
}

/** An audit-trail action as said of its record (a change request is "refused", a portal link's use is "refused"). */
export function actionLabel(t: TFunction, entityType: string, action: string): string {
  return t(`audit.actionsByEntity.${entityType}.${action}` as 'roles.admin', { defaultValue: label(t, 'audit.actions', action) });
}
