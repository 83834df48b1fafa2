-- When each returned message was downloaded from the mailbox, beside received_at (when its window's transaction
-- recorded it): the fetch-to-commit time an operator (and the load benchmark) reads per message. Empty for rows
-- recorded before this column existed.
ALTER TABLE received_message ADD COLUMN fetched_at TIMESTAMP WITH TIME ZONE;
