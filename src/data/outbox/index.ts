/** The door-to-door outbox: answers saved on the phone wait here until the DataSource accepts them. */
export { createSurveyOutbox, DEFAULT_OUTBOX_DB_NAME, OutboxEntry, type OutboxContents, type SurveyOutbox, type SurveyOutboxOptions } from './surveyOutbox';
export { sendOutbox, type SendReport } from './sendOutbox';
