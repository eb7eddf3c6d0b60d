import { describe, expect, it } from 'vitest';
import { readSourcesConfig } from '../../src/config/sources-config.js';

describe('readSourcesConfig', () => {
  it('downloads HIBP and the WA list from their official addresses, and HHS from nowhere, by default', () => {
    expect(readSourcesConfig({})).toEqual({
      hibpUrl: 'https://haveibeenpwned.com/api/v3/breaches',
      waAgUrl: 'https://data.wa.gov/api/views/sb4j-ca4h/rows.csv?accessType=DOWNLOAD',
      hhsOcrUrl: undefined,
    });
    expect(readSourcesConfig({ HIBP_API_URL: '', WA_AG_URL: ' ', HHS_OCR_URL: '' }).hhsOcrUrl).toBeUndefined();
  });

  it('takes the API base for HIBP, with or without a trailing slash', () => {
    const config = readSourcesConfig({
      HIBP_API_URL: 'http://127.0.0.1:8080/api/v3/',
      WA_AG_URL: 'http://127.0.0.1:8080/wa.csv',
      HHS_OCR_URL: 'https://files.example.org/hhs.csv',
    });
    expect(config).toEqual({
      hibpUrl: 'http://127.0.0.1:8080/api/v3/breaches',
      waAgUrl: 'http://127.0.0.1:8080/wa.csv',
      hhsOcrUrl: 'https://files.example.org/hhs.csv',
    });
  });

  it('says one line per bad setting, naming it and never its value', () => {
    const values = { HIBP_API_URL: 'ftp://secret-host/api', WA_AG_URL: 'not a url', HHS_OCR_URL: 'file:///etc/token' };
    let message = '';
    try {
      readSourcesConfig(values);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.split('\n')).toEqual([
      'HIBP_API_URL: must be an http(s) URL such as https://haveibeenpwned.com/api/v3',
      'WA_AG_URL: must be an http(s) URL such as https://data.wa.gov/api/views/sb4j-ca4h/rows.csv',
      'HHS_OCR_URL: must be an http(s) URL such as https://files.example.org/hhs_breach_report.csv',
    ]);
    for (const value of Object.values(values)) expect(message).not.toContain(value);
  });
});
