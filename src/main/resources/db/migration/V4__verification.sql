-- Whether each bounce is proven to belong to a message sent to its recipient (correlate.Verification): only a
-- proven one changes an address's state or a sent message's status. Rows stored before this column existed were
-- all allowed to, and are marked proven.
ALTER TABLE bounce_event ADD COLUMN verification VARCHAR(24) DEFAULT 'proven' NOT NULL;
