CREATE TABLE `campaign_lists` (
	`campaign_id` text NOT NULL,
	`list_id` text NOT NULL,
	PRIMARY KEY(`campaign_id`, `list_id`),
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`list_id`) REFERENCES `contact_lists`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `campaigns` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`wave_id` text,
	`name` text NOT NULL,
	`survey_id` text NOT NULL,
	`version_id` text NOT NULL,
	`state` text NOT NULL,
	`languages` text NOT NULL,
	`starts_at` text NOT NULL,
	`closes_at` text,
	`started_at` text,
	`closed_at` text,
	`reminder_days` text NOT NULL,
	`max_reminders` integer NOT NULL,
	`sender_name` text NOT NULL,
	`reply_to` text,
	`mode` text NOT NULL,
	`allow_edit` integer NOT NULL,
	`retention_days` integer NOT NULL,
	`purged_at` text,
	`messages` text NOT NULL,
	`open_code` text NOT NULL,
	`open_cap` integer,
	`created_by` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`wave_id`) REFERENCES `waves`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`survey_id`) REFERENCES `surveys`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`version_id`) REFERENCES `survey_versions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `campaigns_open_code_unique` ON `campaigns` (`open_code`);--> statement-breakpoint
CREATE INDEX `campaigns_partner_idx` ON `campaigns` (`partner_id`);--> statement-breakpoint
CREATE INDEX `campaigns_wave_idx` ON `campaigns` (`wave_id`);--> statement-breakpoint
CREATE INDEX `campaigns_state_idx` ON `campaigns` (`state`);--> statement-breakpoint
CREATE TABLE `invitations` (
	`id` text PRIMARY KEY NOT NULL,
	`campaign_id` text NOT NULL,
	`partner_id` text NOT NULL,
	`list_id` text NOT NULL,
	`contact_id` text,
	`token_hash` text,
	`language` text NOT NULL,
	`delivery` text NOT NULL,
	`sent_count` integer DEFAULT 0 NOT NULL,
	`last_sent_at` text,
	`opened_at` text,
	`started_at` text,
	`completed` integer DEFAULT false NOT NULL,
	`opted_out` integer DEFAULT false NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`list_id`) REFERENCES `contact_lists`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invitations_token_hash_unique` ON `invitations` (`token_hash`);--> statement-breakpoint
CREATE UNIQUE INDEX `invitations_campaign_contact_idx` ON `invitations` (`campaign_id`,`contact_id`);--> statement-breakpoint
CREATE INDEX `invitations_campaign_idx` ON `invitations` (`campaign_id`,`delivery`);--> statement-breakpoint
CREATE TABLE `mail_outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`partner_id` text,
	`campaign_id` text,
	`invitation_id` text,
	`recipient` text,
	`language` text,
	`message_id` text NOT NULL,
	`state` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`not_before` text NOT NULL,
	`lease_owner` text,
	`lease_until` text,
	`last_error` text,
	`sent_at` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`campaign_id`) REFERENCES `campaigns`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`invitation_id`) REFERENCES `invitations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `mail_outbox_due_idx` ON `mail_outbox` (`state`,`not_before`);--> statement-breakpoint
CREATE INDEX `mail_outbox_invitation_idx` ON `mail_outbox` (`invitation_id`);--> statement-breakpoint
CREATE TABLE `waves` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`survey_id` text NOT NULL,
	`created_by` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`survey_id`) REFERENCES `surveys`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
