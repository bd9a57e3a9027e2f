CREATE TABLE `api_tokens` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer NOT NULL,
	`name` text NOT NULL,
	`token_hash` text NOT NULL,
	`abilities` text DEFAULT 'read,write' NOT NULL,
	`expires_at` text,
	`last_used_at` text,
	`revoked_at` text,
	`created_at` text NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_hash_unique` ON `api_tokens` (`token_hash`);--> statement-breakpoint
CREATE INDEX `api_tokens_user_idx` ON `api_tokens` (`user_id`);--> statement-breakpoint
CREATE TABLE `departments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`department_name` text NOT NULL,
	`department_description` text DEFAULT '' NOT NULL,
	`slug` text NOT NULL,
	`allows_high_priority` integer DEFAULT 1 NOT NULL,
	`is_public` integer DEFAULT 1 NOT NULL,
	`is_disabled` integer DEFAULT 0 NOT NULL,
	`department_email` text DEFAULT '' NOT NULL,
	`soft_deleted` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `departments_slug_unique` ON `departments` (`slug`);--> statement-breakpoint
CREATE TABLE `responses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer,
	`ticket_number` integer NOT NULL,
	`content` text NOT NULL,
	`organize` text DEFAULT 'ticket' NOT NULL,
	`is_note` integer DEFAULT 0 NOT NULL,
	`employee_response` integer DEFAULT 0 NOT NULL,
	`ip_address` text DEFAULT '' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`ticket_number`) REFERENCES `tickets`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `responses_ticket_idx` ON `responses` (`ticket_number`,`id`);--> statement-breakpoint
CREATE INDEX `responses_user_idx` ON `responses` (`user_id`);--> statement-breakpoint
CREATE TABLE `tickets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` integer,
	`subject` text NOT NULL,
	`message` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`priority` text DEFAULT 'medium' NOT NULL,
	`cc` text DEFAULT '' NOT NULL,
	`assigned` integer DEFAULT 0 NOT NULL,
	`department_id` integer NOT NULL,
	`rating` integer DEFAULT 0 NOT NULL,
	`ip_address` text DEFAULT '' NOT NULL,
	`public_hash` text NOT NULL,
	`public_name` text,
	`public_email` text,
	`organize` text DEFAULT 'ticket' NOT NULL,
	`custom_fields` text,
	`date_closed` text,
	`updated_by_client_at` text,
	`first_employee_reply` text,
	`created_at` text NOT NULL,
	`updated_at` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`department_id`) REFERENCES `departments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `tickets_user_id_idx` ON `tickets` (`user_id`,`id`);--> statement-breakpoint
CREATE INDEX `tickets_status_idx` ON `tickets` (`status`);--> statement-breakpoint
CREATE INDEX `tickets_department_idx` ON `tickets` (`department_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `tickets_public_hash_unique` ON `tickets` (`public_hash`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`email` text NOT NULL,
	`email_verified_at` text,
	`password` text,
	`role` text DEFAULT 'customer' NOT NULL,
	`company` text DEFAULT '' NOT NULL,
	`phone_number` text DEFAULT '' NOT NULL,
	`billing_id` text DEFAULT '0' NOT NULL,
	`billing_system` text DEFAULT '' NOT NULL,
	`account_manager` text DEFAULT '0' NOT NULL,
	`biography` text DEFAULT '' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_lower_unique` ON `users` (lower("email"));--> statement-breakpoint
CREATE INDEX `users_billing_idx` ON `users` (`billing_system`,`billing_id`);