import { Column, ColumnOptions, CreateDateColumn, UpdateDateColumn } from 'typeorm';

/**
 * Column helpers shared by both dialects. Times are UTC with milliseconds (`datetime(3)` on
 * MySQL/MariaDB; ISO-like text on SQLite), JSON is stored as text so both dialects agree.
 */
export const TimeColumn = (options: ColumnOptions = {}) => Column({ type: 'datetime', precision: 3, ...options });
export const NullableTime = (options: ColumnOptions = {}) => TimeColumn({ nullable: true, default: null, ...options });
export const CreatedAt = () => CreateDateColumn({ type: 'datetime', precision: 6 });
export const UpdatedAt = () => UpdateDateColumn({ type: 'datetime', precision: 6 });
export const JsonColumn = (options: ColumnOptions = {}) => Column({ type: 'simple-json', nullable: true, ...options });
export const Str = (length: number, options: ColumnOptions = {}) => Column({ type: 'varchar', length, ...options });
export const NullableStr = (length: number, options: ColumnOptions = {}) => Str(length, { nullable: true, default: null, ...options });
export const Int = (options: ColumnOptions = {}) => Column({ type: 'int', ...options });
export const NullableInt = (options: ColumnOptions = {}) => Column({ type: 'int', nullable: true, default: null, ...options });
export const Bool = (defaultValue = false) => Column({ type: 'boolean', default: defaultValue });
export const Text = (options: ColumnOptions = {}) => Column({ type: 'text', ...options });
export const NullableText = (options: ColumnOptions = {}) => Column({ type: 'text', nullable: true, ...options });
