package dev.skillpath.jobs.ingest;

/**
 * A field of one record has the wrong shape; the record is rejected, the rest of the
 * batch goes on.
 */
class FieldTypeException extends RuntimeException {

	final String field;

	FieldTypeException(String field, String message) {
		super(message, null, false, false);
		this.field = field;
	}

}
