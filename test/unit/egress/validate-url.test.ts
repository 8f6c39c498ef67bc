import { describe, expect, it } from 'vitest'
import { validateOutgoingUrl } from '../../../src/egress/validate-url.ts'

describe('validateOutgoingUrl', () => {
  it.each([
    'https://hooks.example.com/debrief',
    'http://example.com:8080/x?y=1',
    'https://[2606:4700::1111]/',
  ])('accepts %s', (url) => {
    expect(validateOutgoingUrl(url)).toBeNull()
  })

  it.each([
    ['not a url', /valid absolute URL/],
    ['/relative/path', /valid absolute URL/],
    ['ftp://example.com/', /scheme ftp/],
    ['javascript:alert(1)', /scheme javascript/],
    ['file:///etc/passwd', /scheme file/],
    ['https://user:pass@example.com/', /credentials/],
    ['https://token@example.com/', /credentials/],
    ['http://127.0.0.1/', /loopback/],
    ['http://2130706433/', /127\.0\.0\.1.*loopback/],
    ['http://0x7f.1/', /loopback/],
    ['http://0177.0.0.1/', /loopback/],
    ['http://[::1]/', /loopback/],
    ['http://[::ffff:127.0.0.1]/', /loopback/],
    ['http://169.254.169.254/latest/meta-data/', /metadata/],
    ['http://10.0.0.1/', /private/],
    ['http://localhost:3000/', /localhost/],
    ['http://api.localhost/', /localhost/],
  ])('refuses %s', (url, reason) => {
    expect(validateOutgoingUrl(url)).toMatch(reason)
  })

  it('accepts private destinations the operator allows', () => {
    expect(validateOutgoingUrl('http://127.0.0.1:8080/', ['127.0.0.1'])).toBeNull()
    expect(validateOutgoingUrl('http://10.1.2.3/', ['10.0.0.0/8'])).toBeNull()
    expect(validateOutgoingUrl('http://localhost:8080/', ['localhost'])).toBeNull()
  })

  it('accepts hostnames it cannot resolve yet: those are checked on every connection instead', () => {
    expect(validateOutgoingUrl('https://rebind.example/')).toBeNull()
  })
})
