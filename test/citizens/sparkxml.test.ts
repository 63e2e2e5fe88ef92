import sparkxml from 'sparkxml';

/**
 * The vendored sparkxml (test/vendor/sparkxml), ported from libxmljs to @xmldom/xmldom, reads XML
 * as the original did: the original's own tests, then documents whose results were recorded from
 * sparkxml 0.1.4 on libxmljs 1.0.11 (as JSON, where NaN and Infinity are null).
 */
describe('sparkxml (vendored, on @xmldom/xmldom)', () => {
  it('works with official sample data (the original test)', () => {
    const xml =
      '<?xml-stylesheet type="text/xsl" href="xml2json.xslt"?>\n' +
      '<reports ns="http://www.w3.org/2005/Atom" xmlns:georss="http://www.georss.org/georss">' +
      '<entry>' +
      '<id>tag:open311.sfgov.org,2010-04-15:/dev/V1/reports/637619.xml</id>' +
      '<title>A large tree branch is blocking the road</title>' +
      '<updated>2010-04-13T18:30:02-05:00</updated>' +
      '<link rel="self" href="http://open311.sfgov.org/dev/V1/reports/637619.xml"/>' +
      '<author><name>John Doe</name></author>' +
      '<georss-point>40.7111 -73.9565</georss-point>' +
      '<category label="Damaged tree" term="tree-damage" scheme="https://open311.sfgov.org/dev/V1/categories/006.xml">006</category>' +
      '<content type="xml" ns="http://open311.org/spec/georeport-v1">' +
      '<report_id>637619</report_id>' +
      '<address>1600 Market St, San Francisco, CA 94103</address>' +
      '<description>A large tree branch is blocking the road</description>' +
      '<status>created</status>' +
      '<status_notes />' +
      '<policy>The City will inspect and require the responsible party to correct within 24 hours and/or issue a Correction Notice or Notice of Violation of the Public Works Code</policy>' +
      '</content>' +
      '</entry>' +
      '</reports>';
    expect(sparkxml.parse(xml)).toEqual([
      {
        id: 'tag:open311.sfgov.org,2010-04-15:/dev/V1/reports/637619.xml',
        title: 'A large tree branch is blocking the road',
        updated: '2010-04-13T18:30:02-05:00',
        link: null,
        author: ['John Doe'],
        'georss-point': '40.7111 -73.9565',
        category: 6,
        content: {
          report_id: 637619,
          address: '1600 Market St, San Francisco, CA 94103',
          description: 'A large tree branch is blocking the road',
          status: 'created',
          status_notes: null,
          policy:
            'The City will inspect and require the responsible party to correct within 24 hours and/or issue a Correction Notice or Notice of Violation of the Public Works Code',
        },
      },
    ]);
  });

  it('includes namespaces in the object key (the original test)', () => {
    const xml = '<things xmlns:georss="http://www.georss.org/georss"><id>1</id><georss:point>40.7111 -73.9565</georss:point></things>';
    expect(sparkxml.parse(xml)).toEqual({ id: 1, 'georss:point': '40.7111 -73.9565' });
  });

  const hints = { typeHints: { '/a/b': 'array', '//c': 'number' } };
  it.each<[string, Parameters<typeof sparkxml.parse>[1], string]>([
    ['<a><b>1</b></a>', undefined, '[1]'],
    ['<a><b>1</b></a>', false, '["1"]'],
    ['<a><b>1</b></a>', hints, '[["1"]]'],
    ['<a><b>1</b><c>x</c></a>', hints, '{"b":["1"],"c":null}'],
    ['<a><b>1</b><b>2</b><c>x</c></a>', undefined, '[1,2,"x"]'],
    ['<a><b/></a>', undefined, '[null]'],
    ['<a></a>', undefined, 'null'],
    ['<a> </a>', undefined, '0'],
    ['<a><!--c--></a>', undefined, '""'],
    ['<a>  <b>1</b>\n <c> </c></a>', false, '{"b":"1","c":" "}'],
    ['<a><b>0123</b><c>1e5</c><d>TRUE</d><e>false</e><f>0x1F</f><g>12e4567890</g></a>', undefined, '{"b":123,"c":100000,"d":true,"e":false,"f":31,"g":null}'],
    ['<a><b>x<![CDATA[<y>]]>z</b><c>&amp;&#20013;</c></a>', undefined, '{"b":"x<y>z","c":"&中"}'],
    ['<things xmlns="http://x.example/"><id>1</id><point>2</point></things>', undefined, '{"null:id":1,"null:point":2}'],
    ['<a><b x="1">t</b><b>u</b></a>', undefined, '["t","u"]'],
    ['<a><b><c>1</c></b><b><c>1</c><d>2</d></b></a>', undefined, '[[1],{"c":1,"d":2}]'],
    ['<a><b><c>1</c></b><b><c>1</c><d>2</d></b></a>', hints, '[[1],[1,2]]'],
    ['<a><b>1</b><c/><b>2</b></a>', undefined, '[1,null,2]'],
    [
      '<services><service><service_code>17036804e9</service_code><metadata>false</metadata></service></services>',
      undefined,
      '[{"service_code":17036804000000000,"metadata":false}]',
    ],
  ])('reads %j (options %j) as libxmljs did', (xml, options, recorded) => {
    expect(JSON.stringify(sparkxml.parse(xml, options))).toBe(recorded);
  });

  it.each(['<a><b></a>', '<a>&nope;</a>', '<a>x</a><b/>', '', 'not xml', '<a><b x=1/></a>'])('refuses %j, as libxmljs did', (xml) => {
    expect(() => sparkxml.parse(xml)).toThrow();
  });
});
