import { describe, expect, it } from 'vitest';
import { backendFor } from '../../../src/backends/registry.js';
import { ciscoIosBackend } from '../../../src/backends/cisco-ios/index.js';

describe('registry row', () => {
  it('cisco-ios renders .txt files with the IOS backend', () => {
    expect(backendFor('cisco-ios')).toBe(ciscoIosBackend);
    expect(ciscoIosBackend).toMatchObject({ platform: 'cisco-ios', extension: 'txt' });
  });
});
