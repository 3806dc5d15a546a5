import { describe, expect, it } from 'vitest';
import { DataCategory, IncidentStatus } from '../client/types.gen';
import { enumValues } from './enums';

describe('enumValues', () => {
  it('lists the values of a generated enum in the contract’s order', () => {
    expect(enumValues(DataCategory)).toEqual(['ordinary', 'special_care', 'my_number', 'financial', 'children', 'credentials']);
  });

  it('puts the chosen values first and keeps every other one', () => {
    expect(enumValues(IncidentStatus, ['suspected', 'confirmed', 'contained'])).toEqual([
      'suspected',
      'confirmed',
      'contained',
      'not_a_breach',
      'closed',
    ]);
  });
});
