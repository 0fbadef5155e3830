#ifndef CASELINT_LIBXML2_SHIM_H
#define CASELINT_LIBXML2_SHIM_H

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#include <libxml/SAX2.h>

/// `xmlFree` is a C global function pointer; Swift 6 treats reading it as shared mutable state.
static inline void caselint_xmlFree(void *p) { xmlFree(p); }

/// The parser's current input line (1-based) inside a SAX callback.
static inline int caselint_inputLine(xmlParserCtxtPtr ctxt) {
    return (ctxt && ctxt->input) ? ctxt->input->line : 0;
}
/// The parser's current input column (1-based, in characters) inside a SAX callback.
static inline int caselint_inputColumn(xmlParserCtxtPtr ctxt) {
    return (ctxt && ctxt->input) ? ctxt->input->col : 0;
}
/// The parser's cursor into its input buffer, and the buffer's start.
static inline const xmlChar *caselint_inputCursor(xmlParserCtxtPtr ctxt) {
    return (ctxt && ctxt->input) ? ctxt->input->cur : 0;
}
static inline const xmlChar *caselint_inputBase(xmlParserCtxtPtr ctxt) {
    return (ctxt && ctxt->input) ? ctxt->input->base : 0;
}
/// The document's own input (not an entity's) line and column, for errors raised while
/// expanding an entity.
static inline int caselint_documentLine(xmlParserCtxtPtr ctxt) {
    return (ctxt && ctxt->inputNr > 0 && ctxt->inputTab[0]) ? ctxt->inputTab[0]->line : 0;
}
static inline int caselint_documentColumn(xmlParserCtxtPtr ctxt) {
    return (ctxt && ctxt->inputNr > 0 && ctxt->inputTab[0]) ? ctxt->inputTab[0]->col : 0;
}
static inline int caselint_inputDepth(xmlParserCtxtPtr ctxt) {
    return ctxt ? ctxt->inputNr : 0;
}
/// libxml2 prints some errors (encoding conversion, I/O) through its generic handler,
/// straight to stderr; caselint reports problems itself, so that handler says nothing.
static void caselint_silentError(void *ctx, const char *msg, ...) { (void)ctx; (void)msg; }
/// The generic handler is per thread: install the silent one on the calling thread.
static inline void caselint_silenceGenericErrors(void) {
    xmlSetGenericErrorFunc(NULL, caselint_silentError);
}

/// Frees the document libxml2 builds on its own to hold a DOCTYPE's declarations (the
/// parser context does not own it, so freeing the context alone leaks it).
static inline void caselint_freeDocument(xmlParserCtxtPtr ctxt) {
    if (ctxt && ctxt->myDoc) {
        xmlFreeDoc(ctxt->myDoc);
        ctxt->myDoc = NULL;
    }
}

#endif
