<?php
// The contract's objects (CONTRACT.md §4) as key => type, in wire order: what ticaga-client.php reads.

const USER_SHAPE = [
    'id' => 'int', 'name' => 'string', 'email' => 'string', 'email_verified_at' => '?model-date',
    'company' => 'string', 'phone_number' => 'string', 'billing_id' => 'digits', 'billing_system' => 'string',
    'account_manager' => 'string', 'biography' => 'string', 'created_at' => 'model-date', 'updated_at' => 'model-date',
];

const REGISTERED_USER_SHAPE = [
    'name' => 'string', 'email' => 'string', 'company' => 'string', 'billing_id' => 'digits', 'billing_system' => 'string',
    'account_manager' => 'string', 'biography' => 'string', 'updated_at' => 'model-date', 'created_at' => 'model-date',
    'id' => 'int',
];

const TICKET_SHAPE = [
    'id' => 'int', 'user_id' => 'int', 'subject' => 'string', 'message' => 'string', 'status' => 'string',
    'priority' => 'string', 'cc' => 'string', 'assigned' => 'int', 'department_id' => 'int', 'rating' => 'rating',
    'ip_address' => 'string', 'public_hash' => 'hash20', 'public_name' => '?string', 'public_email' => '?string',
    'organize' => 'string', 'date_closed' => '?plain-date', 'updated_by_client_at' => '?plain-date',
    'first_employee_reply' => '?plain-date', 'created_at' => 'model-date', 'updated_at' => '?model-date',
];

const JOINED_TICKET_SHAPE = TICKET_SHAPE + [
    'department_name' => 'string', 'department_description' => 'string', 'slug' => 'string',
    'allows_high_priority' => 'int', 'is_public' => 'int', 'is_disabled' => 'int', 'department_email' => 'string',
    'soft_deleted' => 'int', 'name' => '?string', 'email' => '?string', 'company' => '?string',
    'company_name' => '?string', 'client_name' => '?string', 'ticket_id' => 'int', 'department_unique_id' => 'int',
    'ticket_created' => 'plain-date',
];

const RESPONSE_SHAPE = [
    'id' => 'int', 'user_id' => 'int', 'ticket_number' => 'int', 'content' => 'string', 'organize' => 'string',
    'is_note' => 'int', 'employee_response' => 'int', 'ip_address' => 'string', 'created_at' => 'model-date',
    'updated_at' => '?model-date', 'user_name' => '?string', 'user_email' => '?string',
];

const DEPARTMENT_SHAPE = [
    'id' => 'int', 'department_name' => 'string', 'department_description' => 'string', 'slug' => 'string',
    'allows_high_priority' => 'int', 'is_public' => 'int', 'is_disabled' => 'int', 'department_email' => 'string',
    'soft_deleted' => 'int', 'created_at' => 'model-date', 'updated_at' => 'model-date',
];
