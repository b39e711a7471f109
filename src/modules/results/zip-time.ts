/**
 * The zip library under exceljs stamps every entry with the time it was written. Rewriting those stamps
 * (DOS date and time, in the local headers and the central directory) to one given date makes the same
 * workbook the same bytes. Only the stamps change: no length, offset or checksum depends on them.
 */
const LOCAL_HEADER = 0x04034b50
const CENTRAL_HEADER = 0x02014b50
const END_OF_CENTRAL_DIRECTORY = 0x06054b50

function dosTime(date: Date): { time: number; day: number } {
  const year = Math.max(1980, date.getUTCFullYear())
  return {
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1),
    day: ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  }
}

function endOfCentralDirectory(zip: Buffer): number {
  // The record is 22 bytes, followed by a comment of at most 65,535 bytes.
  for (let at = zip.length - 22; at >= Math.max(0, zip.length - 22 - 0xffff); at--) {
    if (zip.readUInt32LE(at) === END_OF_CENTRAL_DIRECTORY) return at
  }
  throw new Error('not a zip file: no end of central directory')
}

export function setZipTimestamps(zip: Buffer, date: Date): Buffer {
  const { time, day } = dosTime(date)
  const end = endOfCentralDirectory(zip)
  const entries = zip.readUInt16LE(end + 10)
  let at = zip.readUInt32LE(end + 16)
  for (let i = 0; i < entries; i++) {
    if (zip.readUInt32LE(at) !== CENTRAL_HEADER) throw new Error(`zip: no central directory entry at ${at}`)
    zip.writeUInt16LE(time, at + 12)
    zip.writeUInt16LE(day, at + 14)
    const local = zip.readUInt32LE(at + 42)
    if (zip.readUInt32LE(local) !== LOCAL_HEADER) throw new Error(`zip: no local header at ${local}`)
    zip.writeUInt16LE(time, local + 10)
    zip.writeUInt16LE(day, local + 12)
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32)
  }
  return zip
}
