import { s3ErrorXml, xmlDocument, xmlEscape } from './s3-xml';

describe('s3 xml', () => {
  it.each([
    ['plain', 'plain'],
    ['a<b>&"c\'', 'a&lt;b&gt;&amp;&quot;c&apos;'],
    ['ŵ', 'ŵ'],
  ])('escapes %j', (text, expected) => {
    expect(xmlEscape(text)).toBe(expected);
  });

  it('writes nested elements, repeats arrays, skips undefined, formats dates', () => {
    const xml = xmlDocument('ListPartsResult', {
      Key: 'a&b',
      Missing: undefined,
      IsTruncated: false,
      Part: [
        { PartNumber: 1, LastModified: new Date('2026-11-26T00:00:00Z') },
        { PartNumber: 2, LastModified: new Date('2026-11-26T00:00:01Z') },
      ],
      Empty: [],
    });
    expect(xml).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
        '<ListPartsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' +
        '<Key>a&amp;b</Key><IsTruncated>false</IsTruncated>' +
        '<Part><PartNumber>1</PartNumber><LastModified>2026-11-26T00:00:00.000Z</LastModified></Part>' +
        '<Part><PartNumber>2</PartNumber><LastModified>2026-11-26T00:00:01.000Z</LastModified></Part>' +
        '</ListPartsResult>',
    );
  });

  it('writes the error document', () => {
    expect(s3ErrorXml('NoSuchUpload', 'gone', { UploadId: '<x>' })).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
        '<Error><Code>NoSuchUpload</Code><Message>gone</Message><UploadId>&lt;x&gt;</UploadId></Error>',
    );
  });
});
