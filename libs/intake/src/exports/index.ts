export * from './read-export';
export * from './export-row';
export * from './rejects-report';
export * from './file-unreadable.error';
export { parseReceivedAt } from './received-at';
export { CsvRecordReader, type CsvRecord } from './csv-records';
export { ExportTextDecoder, type DetectedEncoding, type EncodingChoice } from './text-decoding';
export * from './upload-store';
export * from './shared-rejects';
