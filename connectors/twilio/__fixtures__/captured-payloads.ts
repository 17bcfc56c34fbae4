/** Real Twilio payloads quoted in channels.md (C1, C2); the account in them is a public test fixture's. */

/** An inbound SMS webhook body as Twilio posted it (channels.md C1). */
export const CAPTURED_INBOUND_SMS_BODY =
  'ToCountry=US&ToState=CA&SmsMessageSid=SM5ab7891328b440f04b7c83b459fc85fd&NumMedia=0&ToCity=SAN+FRANCISCO&FromZip=30512&SmsSid=SM5ab7891328b440f04b7c83b459fc85fd&FromState=GA&SmsStatus=received&FromCity=BLAIRSVILLE&Body=42&FromCountry=US&To=%2B14152001331&ToZip=94105&NumSegments=1&MessageSid=SM5ab7891328b440f04b7c83b459fc85fd&AccountSid=ACe24e29bdbc2e7664b315d7629ed3b9d9&From=%2B17067815146&ApiVersion=2010-04-01'

export const CAPTURED_ACCOUNT_SID = 'ACe24e29bdbc2e7664b315d7629ed3b9d9'

/** twilio-node spec/validation.spec.js, recomputed in channels.md C2. */
export const OFFICIAL_VECTOR = {
  authToken: '12345',
  url: 'https://mycompany.com/myapp.php?foo=1&bar=2',
  params: { CallSid: 'CA1234567890ABCDE', Caller: '+14158675309', Digits: '1234', From: '+14158675309', To: '+18005551212' },
  signature: 'RSOYDt4T1cUTdK1PDd93/VVr8B8=',
  /** The same request at http://mycompany.com:1234/… */
  httpPortUrl: 'http://mycompany.com:1234/myapp.php?foo=1&bar=2',
  httpPortSignature: 'Zmvh+3yNM1Phv2jhDCwEM3q5ebU=',
  jsonBody: '{"property": "value", "boolean": true}',
  jsonBodyHash: '0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620',
  jsonSignature: 'a9nBmqA0ju/hNViExpshrM61xv4=',
  emptyJsonHash: '44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a',
  /** HMAC of the URL written with :443 (without the port it is rw/jVviOgicj2+kHZULvebnA4ag=). */
  emptyJsonSignature: 'Ldidvp12m26NI7eqEvxnEpkd9Hc=',
  emptyJsonSignatureWithoutPort: 'rw/jVviOgicj2+kHZULvebnA4ag=',
} as const
