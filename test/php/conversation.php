<?php
// The helpdesk conversation ticaga-client.php runs: connection test, register, link, login, open a ticket,
// staff reply, customer reply, read it all back, rate, close, plus the documented not-found answers.

function runConversation(string $staffEmail): void
{
    step('connection test: GET customers/get/0');
    $staff = expectStatus(staffGet('customers/get/0'), 200);
    checkKeys('answer', $staff, ['user']);
    checkShape('user', $staff['user'], USER_SHAPE);
    checkEqual('user.email', strtolower($staff['user']['email']), strtolower($staffEmail));
    passed();

    step('one department: GET departments/get/support');
    $support = expectStatus(staffGet('departments/get/support'), 200);
    checkKeys('answer', $support, ['department']);
    checkEqual('department count', count($support['department']), 1);
    checkShape('department[0]', $support['department'][0], DEPARTMENT_SHAPE);
    checkEqual('department[0].slug', $support['department'][0]['slug'], 'support');
    passed();

    $unique = bin2hex(random_bytes(4));
    $email = "php.client.$unique@example.com";
    $password = "php-secret-$unique";

    step('register the customer');
    $registered = expectStatus(staffPost('register', [
        'name' => 'Pat Curl', 'email' => $email, 'password' => $password, 'company' => 'Curl & Sons',
    ]), 200);
    checkKeys('answer', $registered, ['user']);
    checkShape('user', $registered['user'], REGISTERED_USER_SHAPE);
    checkEqual('user.email', $registered['user']['email'], $email);
    checkEqual('user.company', $registered['user']['company'], 'Curl & Sons');
    checkEqual('user.billing_id', $registered['user']['billing_id'], '0');
    $customerId = $registered['user']['id'];
    passed();

    step('customers/link: email in another case, billing_system "Blesta", form body behind a JSON header');
    $linked = expectStatus(staffPost('customers/link', [
        'email' => strtoupper($email), 'name' => 'Pat Curl', 'billing_id' => '17', 'billing_system' => 'Blesta',
    ], true), 200);
    checkKeys('answer', $linked, ['user']);
    checkShape('user', $linked['user'], USER_SHAPE);
    checkEqual('user.id', $linked['user']['id'], $customerId);
    checkEqual('user.billing_id', $linked['user']['billing_id'], '17');
    checkEqual('user.billing_system', $linked['user']['billing_system'], 'blesta');
    $again = expectStatus(staffPost('customers/link', [
        'email' => $email, 'name' => 'Pat Curl', 'billing_id' => '17', 'billing_system' => 'blesta',
    ]), 200);
    checkEqual('a second identical link', $again, $linked);
    passed();

    step('login');
    $login = expectStatus(staffPost('login', ['email' => $email, 'password' => $password]), 200);
    checkKeys('answer', $login, ['user', 'token', 'token_type', 'expires_in']);
    checkShape('user', $login['user'], USER_SHAPE);
    checkType('token', $login['token'], 'jwt');
    checkEqual('token_type', $login['token_type'], 'Bearer');
    checkType('expires_in', $login['expires_in'], 'int');
    $jwt = $login['token'];
    passed();

    step('open a ticket: customer_id, priority critical, custom_fields [] and public_name null (dropped by http_build_query)');
    $opened = expectStatus(staffPost('tickets/create', [
        'customer_id' => (string) $customerId, 'subject' => 'Site down', 'message' => "It is down.\nSince 09:00.",
        'priority' => 'critical', 'department_slug' => 'support', 'cc' => '', 'assigned' => '0',
        'ip_address' => '203.0.113.7', 'public_name' => null, 'custom_fields' => [],
    ]), 200);
    checkKeys('answer', $opened, ['id']);
    checkShape('id', $opened['id'], TICKET_SHAPE);
    $ticket = $opened['id'];
    $ticketId = $ticket['id'];
    checkEqual('id.user_id', $ticket['user_id'], $customerId);
    checkEqual('id.priority', $ticket['priority'], 'emergency');
    checkEqual('id.status', $ticket['status'], 'open');
    checkEqual('id.rating', $ticket['rating'], '0');
    checkEqual('id.ip_address', $ticket['ip_address'], '203.0.113.7');
    passed();

    step('staff reply');
    $reply = expectStatus(staffPost('responses/create', [
        'ticket_number' => (string) $ticketId, 'content' => 'We are on it.', 'employee_response' => '1', 'is_note' => '0',
    ]), 200);
    checkKeys('answer', $reply, ['id']);
    checkShape('id', $reply['id'], RESPONSE_SHAPE);
    checkEqual('id.employee_response', $reply['id']['employee_response'], 1);
    checkEqual('id.ticket_number', $reply['id']['ticket_number'], $ticketId);
    checkEqual('id.user_email', strtolower((string) $reply['id']['user_email']), strtolower($staffEmail));
    passed();

    step('customer reply with its JWT');
    $answer = expectStatus(customerCall('POST', 'responses/create', $jwt, [
        'ticket_number' => (string) $ticketId, 'content' => 'Thanks, still down.', 'customer_id' => (string) $customerId,
    ]), 200);
    checkShape('id', $answer['id'] ?? null, RESPONSE_SHAPE);
    checkEqual('id.user_id', $answer['id']['user_id'], $customerId);
    checkEqual('id.employee_response', $answer['id']['employee_response'], 0);
    checkEqual('id.user_name', $answer['id']['user_name'], 'Pat Curl');
    passed();

    step('read the ticket back (customer GET, staff POST tickets/get)');
    $viewed = expectStatus(customerCall('GET', "tickets/get/$customerId/$ticketId", $jwt), 200);
    checkKeys('answer', $viewed, ['tickets']);
    checkShape('tickets', $viewed['tickets'], JOINED_TICKET_SHAPE);
    $joined = $viewed['tickets'];
    checkEqual('tickets.status', $joined['status'], 'open');
    checkType('tickets.first_employee_reply', $joined['first_employee_reply'], 'plain-date');
    checkType('tickets.updated_by_client_at', $joined['updated_by_client_at'], 'plain-date');
    checkEqual('tickets.slug', $joined['slug'], 'support');
    checkEqual('tickets.client_name', $joined['client_name'], 'Pat Curl');
    checkEqual('tickets.company_name', $joined['company_name'], 'Curl & Sons');
    checkEqual('tickets.ticket_id', $joined['ticket_id'], $ticketId);
    $byPost = expectStatus(staffPost('tickets/get', ['client_id' => (string) $customerId, 'ticket_id' => (string) $ticketId]), 200);
    checkEqual('POST tickets/get answer', $byPost, $viewed);
    passed();

    step('read the responses back, oldest first');
    $list = expectStatus(staffGet("responses/get/$ticketId"), 200);
    checkKeys('answer', $list, ['responses']);
    checkEqual('responses count', count($list['responses']), 2);
    foreach ($list['responses'] as $i => $response) {
        checkShape("responses[$i]", $response, RESPONSE_SHAPE);
    }
    checkEqual('responses[0].content', $list['responses'][0]['content'], 'We are on it.');
    checkEqual('responses[1].content', $list['responses'][1]['content'], 'Thanks, still down.');
    $mine = expectStatus(customerCall('POST', 'responses/get', $jwt, ['ticket_id' => (string) $ticketId]), 200);
    checkEqual('the customer\'s POST responses/get', $mine, $list);
    passed();

    step('rate the ticket');
    $rated = expectStatus(customerCall('POST', 'tickets/rate', $jwt, [
        'ticket_id' => (string) $ticketId, 'customer_id' => (string) $customerId, 'rating' => '5',
    ]), 200);
    checkEqual('answer', $rated, ['id' => $ticketId]);
    passed();

    step('close the ticket');
    $closed = expectStatus(customerCall('POST', 'tickets/close', $jwt, [
        'customer_id' => (string) $customerId, 'ticket_id' => (string) $ticketId,
    ]), 200);
    checkEqual('answer', $closed, ['id' => $ticketId]);
    passed();

    step('the customer\'s ticket list after rating and closing');
    $all = expectStatus(staffGet("tickets/get/all/$customerId"), 200);
    checkKeys('answer', $all, ['tickets']);
    checkEqual('tickets count', count($all['tickets']), 1);
    checkShape('tickets[0]', $all['tickets'][0], TICKET_SHAPE);
    checkEqual('tickets[0].status', $all['tickets'][0]['status'], 'closed');
    checkEqual('tickets[0].rating', $all['tickets'][0]['rating'], '5');
    checkType('tickets[0].date_closed', $all['tickets'][0]['date_closed'], 'plain-date');
    passed();

    step('counters and realtime');
    $count = expectStatus(staffGet('tickets/countbystatus/closed'), 200);
    checkKeys('answer', $count, ['count']);
    checkType('count', $count['count'], 'int');
    if ($count['count'] < 1) {
        fail('count of closed tickets is ' . $count['count'] . ', expected at least 1');
    }
    $own = expectStatus(customerCall('GET', 'tickets/countbystatus/closed', $jwt), 200);
    checkEqual('the customer\'s own count', $own, ['count' => 1]);
    checkEqual('realtime/config', expectStatus(staffGet('realtime/config'), 200), ['enabled' => false]);
    passed();

    step('documented not-found answers');
    checkEqual('customers/get/<email>', expectStatus(staffGet("customers/get/$email"), 404), ['error' => 'User not authenticated']);
    checkEqual('departments/get/<slug@x>', expectStatus(staffGet('departments/get/support@example.com'), 404), ['error' => 'Department not found']);
    checkEqual('a missing ticket', expectStatus(customerCall('GET', "tickets/get/$customerId/999999", $jwt), 404), ['error' => 'No tickets found for this user.']);
    passed();

    step('another customer\'s ticket is invisible to this customer');
    $other = expectStatus(staffPost('register', [
        'name' => 'Other Person', 'email' => "other.$unique@example.com", 'password' => "other-secret-$unique",
    ]), 200)['user']['id'];
    $otherTicket = expectStatus(staffPost('tickets/create', [
        'customer_id' => (string) $other, 'subject' => 'Private', 'message' => 'Not for Pat.', 'priority' => 'normal', 'department_id' => '2',
    ]), 200)['id']['id'];
    $noTickets = ['error' => 'No tickets found for this user.'];
    checkEqual('GET their ticket under their id', expectStatus(customerCall('GET', "tickets/get/$other/$otherTicket", $jwt), 404), $noTickets);
    checkEqual('GET their ticket under my id', expectStatus(customerCall('GET', "tickets/get/$customerId/$otherTicket", $jwt), 404), $noTickets);
    checkEqual('their responses', expectStatus(customerCall('POST', 'responses/get', $jwt, ['ticket_id' => (string) $otherTicket]), 404), ['error' => 'Ticket not found']);
    checkEqual('rating their ticket', expectStatus(customerCall('POST', 'tickets/rate', $jwt, [
        'ticket_id' => (string) $otherTicket, 'customer_id' => (string) $other, 'rating' => '1',
    ]), 404), $noTickets);
    checkEqual('their ticket list', expectStatus(customerCall('GET', "tickets/get/all/$other", $jwt), 200), ['tickets' => []]);
    passed();
}
