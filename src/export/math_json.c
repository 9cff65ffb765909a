/*
 * The math in the JSON export: each computed value as
 * {"name", "value", "inputs", "operation", "command"} (command null, with
 * "why", when no stock command computes it).
 */
#include "export/json.h"

static void json_value(struct json_out *out, const struct math_value *v, const char *indent)
{
	json_text(out, indent);
	json_text(out, "{\"connection\": ");
	json_u64(out, v->conn);
	json_text(out, ", \"name\": ");
	json_string(out, v->name);
	json_text(out, ", \"value\": ");
	json_hex(out, v->bytes, v->len);
	json_text(out, ", \"inputs\": [");
	for (size_t i = 0; i < v->input_count; i++) {
		json_text(out, i ? ", " : "");
		json_string(out, v->inputs[i]);
	}
	json_text(out, "], \"operation\": ");
	json_string(out, v->operation);
	json_text(out, ", \"command\": ");
	if (v->command) {
		json_string(out, v->command);
		if (v->prints) {
			json_text(out, ", \"command_prints\": ");
			json_string(out, v->prints);
		}
	} else {
		json_text(out, "null, \"why\": ");
		json_string(out, v->why);
	}
	json_text(out, "}");
}

/* The values of record `record`, or else the schedule's of message `message`. */
static void json_values(struct json_out *out, const struct trace *t, size_t message, size_t record)
{
	bool first = true;
	json_text(out, "\"values\": [");
	if (record != MATH_NONE) {
		struct math_list values = { 0 };
		math_record_values(t, record, &values);
		for (size_t i = 0; i < values.count; i++)
			json_value(out, values.values[i], i ? ",\n        " : "\n        ");
		first = !values.count;
		math_list_release(&values);
	}
	for (size_t i = 0; i < t->math.count && record == MATH_NONE; i++) {
		const struct math_value *v = t->math.values[i];
		if (v->message != message)
			continue;
		json_value(out, v, first ? "\n        " : ",\n        ");
		first = false;
	}
	json_text(out, first ? "]" : "\n      ]");
}

void json_event_crypto(struct json_out *out, const struct trace *t, size_t message, size_t record)
{
	struct record_math p;
	json_text(out, ",\n      \"crypto\": {");
	if (record != MATH_NONE && math_record_parts(t, record, &p)) {
		json_text(out, "\"key\": ");
		json_hex(out, p.key, p.key_len);
		json_text(out, ", \"iv\": ");
		json_hex(out, p.iv, p.iv_len);
		json_text(out, ", \"sequence_number\": ");
		json_u64(out, p.sequence_number);
		json_text(out, ", \"nonce\": ");
		if (p.nonce_len)
			json_hex(out, p.nonce, p.nonce_len);
		else
			json_text(out, "null");
		json_text(out, ", \"additional_data\": ");
		json_hex(out, p.additional_data, p.additional_data_len);
		json_text(out, ", \"tag\": ");
		if (p.tag)
			json_hex(out, p.tag, p.tag_len);
		else
			json_text(out, "null");
		json_text(out, ",\n      ");
	}
	if (record != MATH_NONE || message != MATH_NONE)
		json_values(out, t, message, record);
	else
		json_text(out, "\"values\": []");
	json_text(out, "}");
}

void json_key_schedule(struct json_out *out, const struct trace *t)
{
	bool first = true;
	json_text(out, ",\n  \"key_schedule\": [");
	for (size_t i = 0; i < t->math.count; i++) {
		json_value(out, t->math.values[i], first ? "\n    " : ",\n    ");
		first = false;
	}
	json_text(out, "\n  ]");
}
