# Dates are typed as YYYY-MM-DD and nothing else: "03/04/2024" is the 3rd of April to one editor and the 4th of March
# to another, and a form that guesses silently saves the wrong day. Django's British and American formats both take it.
DATE_INPUT_FORMATS = ["%Y-%m-%d"]
DATETIME_INPUT_FORMATS = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M:%S.%f", "%Y-%m-%d %H:%M", "%Y-%m-%d"]
