CREATE TABLE `compiled_surveys` (
	`version_id` text PRIMARY KEY NOT NULL,
	`format_version` integer NOT NULL,
	`structure_hash` text NOT NULL,
	`structure` text NOT NULL,
	`compiled_at` text NOT NULL,
	FOREIGN KEY (`version_id`) REFERENCES `survey_versions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `compiled_surveys_hash_idx` ON `compiled_surveys` (`structure_hash`);--> statement-breakpoint
CREATE TABLE `compiled_texts` (
	`version_id` text NOT NULL,
	`locale` text NOT NULL,
	`hash` text NOT NULL,
	`texts` text NOT NULL,
	PRIMARY KEY(`version_id`, `locale`),
	FOREIGN KEY (`version_id`) REFERENCES `survey_versions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `compiled_texts_hash_idx` ON `compiled_texts` (`hash`);