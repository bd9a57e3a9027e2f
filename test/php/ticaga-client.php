<?php
// A real PHP client, written the way the Ticaga billing plugins call the API: curl, http_build_query()
// form bodies, json_decode(), Basic auth through CURLOPT_USERPWD, GETs with a JSON content type and an
// empty body, and the base URL stored with a trailing slash (so every path starts '//api/').
// It runs one whole helpdesk conversation and checks every field it reads, with its type and key order.
//
//   php test/php/ticaga-client.php <base-url/> <staff-email> <staff-token>
//   (or TICAGA_URL, TICAGA_EMAIL, TICAGA_TOKEN in the environment)
//
// Exit status: 0 when every check passed, 1 on the first mismatch (with a message), 2 on bad usage.

const MODEL_DATE = '/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000000Z$/';
const PLAIN_DATE = '/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/';

$apiURL = $argv[1] ?? getenv('TICAGA_URL') ?: '';
$apiEmail = $argv[2] ?? getenv('TICAGA_EMAIL') ?: '';
$apiKey = $argv[3] ?? getenv('TICAGA_TOKEN') ?: '';
if ($apiURL === '' || $apiEmail === '' || $apiKey === '') {
    fwrite(STDERR, "usage: php ticaga-client.php <base-url/> <staff-email> <staff-token>\n");
    exit(2);
}
if (!function_exists('curl_init')) {
    fwrite(STDERR, "FAIL: the PHP curl extension is missing (Debian package php-curl)\n");
    exit(2);
}

$step = 'start';

function fail(string $message): void
{
    global $step;
    fwrite(STDERR, "FAIL [$step]: $message\n");
    exit(1);
}

function step(string $name): void
{
    global $step;
    $step = $name;
}

function passed(): void
{
    global $step;
    echo "ok   $step\n";
}

/** One curl call; answers [status, decoded JSON array]. Headers as the plugins write them. */
function request(string $method, string $action, array $headers, ?string $body, ?string $userpwd): array
{
    global $apiURL;
    $ch = curl_init();
    curl_setopt($ch, CURLOPT_URL, $apiURL . '/api/' . $action);
    curl_setopt($ch, CURLOPT_RETURNTRANSFER, 1);
    curl_setopt($ch, CURLOPT_TIMEOUT, 20);
    if ($userpwd !== null) {
        curl_setopt($ch, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
        curl_setopt($ch, CURLOPT_USERPWD, $userpwd);
    }
    if ($method === 'POST') {
        curl_setopt($ch, CURLOPT_POST, 1);
        curl_setopt($ch, CURLOPT_POSTFIELDS, $body);
    }
    curl_setopt($ch, CURLOPT_HTTPHEADER, $headers);
    $result = curl_exec($ch);
    if ($result === false) {
        fail("$method $action: curl error " . curl_error($ch));
    }
    $status = curl_getinfo($ch, CURLINFO_HTTP_CODE);
    $contentType = (string) curl_getinfo($ch, CURLINFO_CONTENT_TYPE);
    curl_close($ch);
    if (stripos($contentType, 'application/json') !== 0) {
        fail("$method $action: content type '$contentType', expected application/json");
    }
    $decoded = json_decode($result, true);
    if (!is_array($decoded)) {
        fail("$method $action: answer is not a JSON object: $result");
    }
    return [$status, $decoded, $result];
}

/** The staff API, as callAPI(): Basic auth, a JSON content type, no body. */
function staffGet(string $action): array
{
    global $apiEmail, $apiKey;
    return request('GET', $action, ['Content-Type:application/json'], null, "$apiEmail:$apiKey");
}

/** The staff API, as callAPIPost(): an http_build_query() body, optionally behind a JSON content type. */
function staffPost(string $action, array $params, bool $jsonHeader = false): array
{
    global $apiEmail, $apiKey;
    $headers = $jsonHeader ? ['Content-Type:application/json'] : [];
    return request('POST', $action, $headers, http_build_query($params), "$apiEmail:$apiKey");
}

/** The client area after POST login: the customer's JWT as a Bearer token. */
function customerCall(string $method, string $action, string $jwt, array $params = []): array
{
    $headers = ['Authorization: Bearer ' . $jwt, 'Accept: application/json'];
    if ($method === 'GET') {
        $headers[] = 'Content-Type: application/json';
    }
    return request($method, $action, $headers, $method === 'POST' ? http_build_query($params) : null, null);
}

function expectStatus(array $answer, int $status): array
{
    if ($answer[0] !== $status) {
        fail("HTTP {$answer[0]}, expected $status: {$answer[2]}");
    }
    return $answer[1];
}

function describe($value): string
{
    return var_export($value, true);
}

/** Checks one value against a type name: int, string, ?string, model-date, ?model-date, plain-date, ?plain-date, hash20, jwt. */
function checkType(string $path, $value, string $type): void
{
    $nullable = $type[0] === '?';
    $base = ltrim($type, '?');
    if ($nullable && $value === null) {
        return;
    }
    $ok = match ($base) {
        'int' => is_int($value),
        'bool' => is_bool($value),
        'string' => is_string($value),
        'digits' => is_string($value) && preg_match('/^\d+$/', $value) === 1,
        'rating' => is_string($value) && preg_match('/^[0-5]$/', $value) === 1,
        'model-date' => is_string($value) && preg_match(MODEL_DATE, $value) === 1,
        'plain-date' => is_string($value) && preg_match(PLAIN_DATE, $value) === 1,
        'hash20' => is_string($value) && preg_match('/^[A-Za-z0-9]{20}$/', $value) === 1,
        'jwt' => is_string($value) && preg_match('/^[\w-]+\.[\w-]+\.[\w-]+$/', $value) === 1,
        default => fail("unknown type $type"),
    };
    if (!$ok) {
        fail("$path should be $type, got " . describe($value));
    }
}

/** The object has exactly these keys, in this order, with these types. */
function checkShape(string $path, $object, array $shape): void
{
    if (!is_array($object)) {
        fail("$path should be an object, got " . describe($object));
    }
    $keys = array_keys($object);
    if ($keys !== array_keys($shape)) {
        fail("$path keys are [" . implode(',', $keys) . '], expected [' . implode(',', array_keys($shape)) . ']');
    }
    foreach ($shape as $key => $type) {
        checkType("$path.$key", $object[$key], $type);
    }
}

/** The object has exactly these keys, in this order (for answers that nest objects). */
function checkKeys(string $path, $object, array $keys): void
{
    if (!is_array($object) || array_keys($object) !== $keys) {
        fail("$path keys are " . (is_array($object) ? '[' . implode(',', array_keys($object)) . ']' : describe($object)) . ', expected [' . implode(',', $keys) . ']');
    }
}

function checkEqual(string $path, $actual, $expected): void
{
    if ($actual !== $expected) {
        fail("$path is " . describe($actual) . ', expected ' . describe($expected));
    }
}

require __DIR__ . '/shapes.php';
require __DIR__ . '/conversation.php';

runConversation($apiEmail);
echo "PASS: the whole helpdesk conversation matched the contract\n";
exit(0);
