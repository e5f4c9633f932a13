CREATE TABLE `audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`at` text NOT NULL,
	`actor_id` text,
	`partner_id` text,
	`action` text NOT NULL,
	`target_type` text NOT NULL,
	`target_id` text,
	`details` text NOT NULL,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `audit_log_partner_at_idx` ON `audit_log` (`partner_id`,`at`);--> statement-breakpoint
CREATE TABLE `contact_import_rows` (
	`import_id` text NOT NULL,
	`row_number` integer NOT NULL,
	`email` text,
	`email_normalized` text,
	`email_hash` text,
	`name` text,
	`language` text,
	`language_input` text,
	`attributes` text NOT NULL,
	`problems` text NOT NULL,
	`action` text,
	PRIMARY KEY(`import_id`, `row_number`),
	FOREIGN KEY (`import_id`) REFERENCES `contact_imports`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `contact_import_rows_email_idx` ON `contact_import_rows` (`import_id`,`email_normalized`);--> statement-breakpoint
CREATE TABLE `contact_imports` (
	`id` text PRIMARY KEY NOT NULL,
	`list_id` text NOT NULL,
	`partner_id` text NOT NULL,
	`status` text NOT NULL,
	`file_name` text,
	`format` text,
	`encoding` text,
	`delimiter` text,
	`request` text NOT NULL,
	`header` text,
	`mapping` text,
	`bytes_total` integer NOT NULL,
	`bytes_read` integer DEFAULT 0 NOT NULL,
	`rows_read` integer DEFAULT 0 NOT NULL,
	`counts` text,
	`error` text,
	`created_by` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`committed_at` text,
	FOREIGN KEY (`list_id`) REFERENCES `contact_lists`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `contact_imports_list_idx` ON `contact_imports` (`list_id`);--> statement-breakpoint
CREATE TABLE `contact_lists` (
	`id` text PRIMARY KEY NOT NULL,
	`partner_id` text NOT NULL,
	`name` text NOT NULL,
	`description` text,
	`created_by` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contact_lists_partner_name_idx` ON `contact_lists` (`partner_id`,`name`);--> statement-breakpoint
CREATE TABLE `contacts` (
	`id` text PRIMARY KEY NOT NULL,
	`list_id` text NOT NULL,
	`partner_id` text NOT NULL,
	`email` text,
	`email_normalized` text,
	`email_hash` text,
	`name` text,
	`search_text` text,
	`language` text,
	`attributes` text NOT NULL,
	`status` text NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`list_id`) REFERENCES `contact_lists`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contacts_list_email_idx` ON `contacts` (`list_id`,`email_normalized`);--> statement-breakpoint
CREATE INDEX `contacts_hash_idx` ON `contacts` (`email_hash`);--> statement-breakpoint
CREATE INDEX `contacts_partner_idx` ON `contacts` (`partner_id`);--> statement-breakpoint
CREATE TABLE `suppressions` (
	`partner_id` text NOT NULL,
	`email_hash` text NOT NULL,
	`reason` text NOT NULL,
	`created_at` text NOT NULL,
	PRIMARY KEY(`partner_id`, `email_hash`),
	FOREIGN KEY (`partner_id`) REFERENCES `partners`(`id`) ON UPDATE no action ON DELETE no action
);
