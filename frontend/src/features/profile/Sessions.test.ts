import { describe, expect, it } from 'vitest';
import { deviceOf } from './Sessions';

describe('deviceOf', () => {
  it('names the browser and system people know', () => {
    const chrome = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36';
    const edge = `${chrome} Edg/131.0`;
    const iphone = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1';
    const android = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36';
    expect(deviceOf(chrome)).toBe('Chrome · Windows');
    expect(deviceOf(edge)).toBe('Edge · Windows');
    expect(deviceOf(iphone)).toBe('Safari · iOS');
    expect(deviceOf(android)).toBe('Chrome · Android');
  });

  it('shows what it cannot name as it came, shortened, and nothing for no agent', () => {
    expect(deviceOf('python-httpx/0.28.1')).toBe('python-httpx/0.28.1');
    expect(deviceOf(null)).toBe('');
  });
});
