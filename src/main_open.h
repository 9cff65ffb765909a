/* tlsviz --open FILE: the command line's side of opening a capture file. */
#ifndef TLSVIZ_MAIN_OPEN_H
#define TLSVIZ_MAIN_OPEN_H

#include <stdbool.h>

struct open_request {
	const char *path;    /* the capture */
	const char *keylog;  /* --keylog FILE, or NULL */
	const char *rsa_key; /* --rsa-key FILE (PEM), or NULL */
	unsigned connection; /* --connection N (from 1); 0 for all, or the list in the viewer */
	const char *format;  /* --export FORMAT, or NULL for the viewer */
	const char *output;
	bool ascii;
	bool list; /* --list: the connections, one line each, instead */
};

/* Opens the capture and exports or shows it; returns the exit status (see DESIGN). */
int open_main(const struct open_request *r);

#endif
