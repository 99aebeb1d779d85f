SELECT body FROM v_notices WHERE doc_no = '嘉政办发〔2026〕1号';
