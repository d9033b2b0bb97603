DECLARE @n int = 1;
SELECT * FROM [dbo].[Users];
GO
