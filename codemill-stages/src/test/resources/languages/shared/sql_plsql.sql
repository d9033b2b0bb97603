SELECT emp_seq.nextval FROM dual;
