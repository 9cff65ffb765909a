/*
 * The math in the JSON export: each computed value as
 * {"name", "value", "inputs", "operation", "command"} (command null, with
 * "why", when no stock command computes it).
 */
#include <inttypes.h>

#include "export/json.h"

static void json_value(FILE *out, const struct math_value *v, const char *indent)
{
	fprintf(out, "%s{\"connection\": %u, \"name\": ", indent, v->conn);
	json_string(out, v->name);
	fputs(", \"value\": ", out);
	json_hex(out, v->bytes, v->len);
	fputs(", \"inputs\": [", out);
	for (size_t i = 0; i < v->input_count; i++) {
		fputs(i ? ", " : "", out);
		json_string(out, v->inputs[i]);
	}
	fputs("], \"operation\": ", out);
	json_string(out, v->operation);
	fputs(", \"command\": ", out);
	if (v->command) {
		json_string(out, v->command);
		if (v->prints) {
			fputs(", \"command_prints\": ", out);
			json_string(out, v->prints);
		}
	} else {
		fputs("null, \"why\": ", out);
		json_string(out, v->why);
	}
	fputc('}', out);
}

static void json_values(FILE *out, const struct trace *t, size_t message, size_t record)
{
	bool first = true;
	fputs("\"values\": [", out);
	for (size_t i = 0; i < t->math_count; i++) {
		const struct math_value *v = t->math[i];
		if (record != MATH_NONE ? v->record != record
					: v->record != MATH_NONE || v->message != message)
			continue;
		json_value(out, v, first ? "\n        " : ",\n        ");
		first = false;
	}
	fputs(first ? "]" : "\n      ]", out);
}

void json_event_crypto(FILE *out, const struct trace *t, size_t message, size_t record)
{
	struct record_math p;
	fputs(",\n      \"crypto\": {", out);
	if (record != MATH_NONE && math_record_parts(t, record, &p)) {
		fputs("\"key\": ", out);
		json_hex(out, p.key, p.key_len);
		fputs(", \"iv\": ", out);
		json_hex(out, p.iv, p.iv_len);
		fprintf(out, ", \"sequence_number\": %" PRIu64 ", \"nonce\": ", p.sequence_number);
		if (p.nonce_len)
			json_hex(out, p.nonce, p.nonce_len);
		else
			fputs("null", out);
		fputs(", \"additional_data\": ", out);
		json_hex(out, p.additional_data, p.additional_data_len);
		fputs(", \"tag\": ", out);
		if (p.tag)
			json_hex(out, p.tag, p.tag_len);
		else
			fputs("null", out);
		fputs(",\n      ", out);
	}
	if (record != MATH_NONE || message != MATH_NONE)
		json_values(out, t, message, record);
	else
		fputs("\"values\": []", out);
	fputc('}', out);
}

void json_key_schedule(FILE *out, const struct trace *t)
{
	bool first = true;
	fputs(",\n  \"key_schedule\": [", out);
	for (size_t i = 0; i < t->math_count; i++) {
		if (t->math[i]->record != MATH_NONE)
			continue;
		json_value(out, t->math[i], first ? "\n    " : ",\n    ");
		first = false;
	}
	fputs("\n  ]", out);
}
