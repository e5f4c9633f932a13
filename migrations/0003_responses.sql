-- responses is WITHOUT ROWID (added by hand; drizzle-kit cannot express it): rows are kept in
-- random id order and no hidden rowid records the order in which responses arrived.
CREATE TABLE `intake_receipts` (
	`key_hash` text PRIMARY KEY NOT NULL,
	`request_hash` text NOT NULL,
	`status` integer NOT NULL,
	`body` text NOT NULL,
	`expires_on` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `intake_receipts_expiry_idx` ON `intake_receipts` (`expires_on`);--> statement-breakpoint
CREATE TABLE `response_drafts` (
	`invitation_id` text PRIMARY KEY NOT NULL,
	`version_id` text NOT NULL,
	`locale` text NOT NULL,
	`data` text NOT NULL,
	`started_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`version_id`) REFERENCES `survey_versions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `responses` (
	`id` text PRIMARY KEY NOT NULL,
	`version_id` text NOT NULL,
	`campaign_id` text,
	`partner_id` text,
	`invitation_id` text,
	`channel` text NOT NULL,
	`anonymous` text NOT NULL,
	`locale` text NOT NULL,
	`state` text NOT NULL,
	`data` text NOT NULL,
	`started_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`completed_at` text,
	`audit_state` text,
	`audit_input` text,
	`audit_detail` text,
	FOREIGN KEY (`version_id`) REFERENCES `survey_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `responses_version_idx` ON `responses` (`version_id`,`state`);--> statement-breakpoint
CREATE INDEX `responses_campaign_idx` ON `responses` (`campaign_id`,`state`);--> statement-breakpoint
CREATE INDEX `responses_audit_idx` ON `responses` (`audit_state`);