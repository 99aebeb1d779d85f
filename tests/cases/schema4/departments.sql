-- renamed bodies and collective units, with the years of the tasks naming them
SELECT department, government, kind, successor, first_year, last_year FROM v_departments
WHERE successor IS NOT NULL OR kind = 'collective' OR department IN
      (SELECT successor FROM v_departments) ORDER BY department;
SELECT 'kinds', kind, count(*) > 0 FROM v_departments GROUP BY kind ORDER BY kind;
SELECT 'aliases', department, aliases FROM v_departments WHERE department IN ('市人力社保局', '嘉兴金融监管分局')
ORDER BY department;
