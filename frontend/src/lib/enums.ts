/**
 * The values of one of the API's enums, from the generated client's object (e.g. `enumValues(DataCategory)`), so a
 * value the contract adds appears in every list and filter without a change here. In the contract's order, or with
 * `first` leading where the screens read better in another order (the rest follow in the contract's order).
 */
export function enumValues<T extends string>(values: Readonly<Record<string, T>>, first: readonly T[] = []): readonly T[] {
  return [...first, ...Object.values(values).filter((v) => !first.includes(v))];
}
