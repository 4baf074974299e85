import { char, integer, timestamp } from 'drizzle-orm/pg-core';

/** Timestamps are always stored with time zone and defaulted by the database clock. */
export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
export const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

/** Money is integer minor units plus an ISO 4217 code: never floats. */
export const cents = (name: string) => integer(name);
export const currency = (name = 'currency') => char(name, { length: 3 }).notNull().default('USD');
