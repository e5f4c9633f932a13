ALTER TABLE `response_drafts` ADD `page` integer;--> statement-breakpoint
ALTER TABLE `response_drafts` ADD `notice` text;--> statement-breakpoint
ALTER TABLE `response_drafts` ADD `consent` integer;--> statement-breakpoint
ALTER TABLE `responses` ADD `notice` text;--> statement-breakpoint
ALTER TABLE `responses` ADD `consent` integer;