// Pending and sent mail, kept in the store: a message survives a restart and is retried by any instance.
import { defineCollection } from '../store';

export type MailStatus = 'pending' | 'sent' | 'failed';

export interface OutgoingMail {
  _id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** What it is about, so the sender's screen can show its fate (e.g. a user's invitation). */
  about?: { userId: string; purpose: string };
  status: MailStatus;
  attempts: number;
  nextAttemptAt: Date;
  lastError?: string;
  createdAt: Date;
  sentAt?: Date;
}

export const outboxCollection = defineCollection<OutgoingMail>(
  'outbox',
  {
    to: { type: String, required: true },
    subject: { type: String, required: true },
    text: { type: String, required: true },
    html: { type: String, required: true },
    about: { type: { userId: String, purpose: String }, required: false, _id: false },
    status: { type: String, required: true, enum: ['pending', 'sent', 'failed'] },
    attempts: { type: Number, required: true },
    nextAttemptAt: { type: Date, required: true },
    lastError: { type: String },
    createdAt: { type: Date, required: true },
    sentAt: { type: Date },
  },
  [{ fields: { status: 1, nextAttemptAt: 1 } }, { fields: { 'about.userId': 1 } }],
);
