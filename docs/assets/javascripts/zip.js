/* Zip.build([{name, data}], {type}) -> Blob: a ZIP archive made in the browser, for the tools'
 * downloads (.ods and .xlsx here; .odt and .docx for the tender builder). No server, no library.
 * Zip.odf(mediaType, version, parts) packs an OpenDocument file; Zip.save(blob, name) downloads.
 *
 * Every entry is STORED (no compression): the files are a few kilobytes, and STORE is what the
 * ODF package rule asks of its first entry, `mimetype` (uncompressed, no extra field). Entries
 * keep the order given, so the caller puts `mimetype` first. `data` is a string (written as
 * UTF-8) or a Uint8Array; `type` is the Blob's media type. Names are the callers' fixed ASCII
 * paths; any other name is refused rather than written in an encoding a reader may misread.
 * No ZIP64: an archive stays far below 4 GB and 65,535 entries.
 */
(function () {
  "use strict";

  var CRC_TABLE = (function () {
    var table = new Uint32Array(256);
    for (var n = 0; n < 256; n += 1) {
      var c = n;
      for (var k = 0; k < 8; k += 1) { c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; }
      table[n] = c >>> 0;
    }
    return table;
  })();

  function crc32(bytes) {
    var crc = 0xffffffff;
    for (var i = 0; i < bytes.length; i += 1) { crc = CRC_TABLE[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8); }
    return (crc ^ 0xffffffff) >>> 0;
  }

  // MS-DOS date and time fields (local time, two-second steps), as ZIP headers store them.
  function dosTime(d) { return (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1); }
  function dosDate(d) { return ((Math.max(d.getFullYear(), 1980) - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(); }

  // options: { type: the Blob's media type, date: the entries' time stamp (default: now) }.
  function build(entries, options) {
    var encoder = new TextEncoder();
    var date = (options && options.date) || new Date();
    var time = dosTime(date), day = dosDate(date);
    var parts = [], central = [], offset = 0;

    entries.forEach(function (entry) {
      // Relative ASCII paths only: no "..", no leading or doubled "/" (an unzip tool could write outside its folder).
      if (!/^[A-Za-z0-9._\-\[\]]+(\/[A-Za-z0-9._\-\[\]]+)*$/.test(entry.name) || entry.name.length > 200 ||
          /(^|\/)\.\.?(\/|$)/.test(entry.name)) {
        throw new Error("Zip: ongeldige bestandsnaam " + entry.name);
      }
      var name = encoder.encode(entry.name);
      var data = typeof entry.data === "string" ? encoder.encode(entry.data) : entry.data;
      var crc = crc32(data);
      // Local file header (30 bytes + name): version 2.0, no flags, method 0 (STORE), no extra field.
      var local = new DataView(new ArrayBuffer(30));
      local.setUint32(0, 0x04034b50, true);
      local.setUint16(4, 20, true);
      local.setUint16(6, 0, true);
      local.setUint16(8, 0, true);
      local.setUint16(10, time, true);
      local.setUint16(12, day, true);
      local.setUint32(14, crc, true);
      local.setUint32(18, data.length, true);
      local.setUint32(22, data.length, true);
      local.setUint16(26, name.length, true);
      local.setUint16(28, 0, true);
      parts.push(new Uint8Array(local.buffer), name, data);
      // Central directory record (46 bytes + name) pointing back at the local header.
      var dir = new DataView(new ArrayBuffer(46));
      dir.setUint32(0, 0x02014b50, true);
      dir.setUint16(4, 20, true);
      dir.setUint16(6, 20, true);
      dir.setUint16(8, 0, true);
      dir.setUint16(10, 0, true);
      dir.setUint16(12, time, true);
      dir.setUint16(14, day, true);
      dir.setUint32(16, crc, true);
      dir.setUint32(20, data.length, true);
      dir.setUint32(24, data.length, true);
      dir.setUint16(28, name.length, true);
      // 30-44: extra and comment lengths, disk number, attributes: all zero.
      dir.setUint32(42, offset, true);
      central.push(new Uint8Array(dir.buffer), name);
      offset += 30 + name.length + data.length;
    });

    var size = central.reduce(function (sum, part) { return sum + part.length; }, 0);
    var end = new DataView(new ArrayBuffer(22));
    end.setUint32(0, 0x06054b50, true);
    end.setUint16(8, entries.length, true);
    end.setUint16(10, entries.length, true);
    end.setUint32(12, size, true);
    end.setUint32(16, offset, true);
    return new Blob(parts.concat(central, [new Uint8Array(end.buffer)]), { type: (options && options.type) || "application/zip" });
  }

  /* Hand a file to the browser's downloads: the tools' one way to save what they wrote. The address
     is revoked after a minute, when every browser has started the download. */
  function save(blob, name) {
    var url = URL.createObjectURL(blob);
    var a = document.createElement("a");
    a.href = url;
    a.download = name;
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
  }

  /* An OpenDocument package (.ods, .odt): `mimetype` first, stored, with no extra field (the ODF
     package rule; build() writes none), then the XML parts, then the manifest that lists them. */
  function odf(mediaType, version, parts) {
    var manifest = '<?xml version="1.0" encoding="UTF-8"?>\n<manifest:manifest xmlns:manifest=' +
      '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="' + version + '">' +
      '<manifest:file-entry manifest:full-path="/" manifest:version="' + version + '" manifest:media-type="' + mediaType + '"/>' +
      parts.map(function (part) {
        return '<manifest:file-entry manifest:full-path="' + part.name + '" manifest:media-type="text/xml"/>';
      }).join("") + "</manifest:manifest>";
    return build([{ name: "mimetype", data: mediaType }].concat(parts, [{ name: "META-INF/manifest.xml", data: manifest }]),
      { type: mediaType });
  }

  window.Zip = { build: build, crc32: crc32, save: save, odf: odf };
})();
