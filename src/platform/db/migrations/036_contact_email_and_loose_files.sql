-- Customers who write in by e-mail are contacts too: known by their address until a wallet
-- token or a visitor token ties them to more.
alter table contacts add column email text unique;
alter table contacts drop constraint contacts_check;
alter table contacts add constraint contacts_identity_check check (wallet_customer_id is not null or visitor_id is not null or email is not null);

-- A file can be uploaded before what it belongs to exists (a ticket form, an e-mail): it stays
-- loose, owned by its uploader, until a ticket claims it.
alter table attachments alter column conversation_id drop not null;
create index attachments_loose_idx on attachments (uploader_type, uploader_id) where conversation_id is null;
